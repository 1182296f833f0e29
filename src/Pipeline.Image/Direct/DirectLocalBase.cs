using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Image.Direct;

/// <summary>
/// The offline local base (<see cref="LocalBaseImage"/>'s root file system) as one layer written in-process, with
/// the config the engine's import gives it (PATH, <c>/bin/sh</c>, the local-base label). The gzip'd layer is kept
/// under the cache folder, named by the root file system's hash, so it is compressed once per change of the
/// machine files it is made from.
/// </summary>
public sealed class DirectLocalBase
{
    // The same settings LocalBaseImage gives the engine's import.
    private const string PathVariable = "PATH=/usr/local/bin:/usr/bin:/bin";

    private readonly string _cacheFolder;
    private readonly string _hostRoot;
    private readonly StageInputNames _inputs;

    /// <summary>Creates the local base, caching its layer in <paramref name="cacheFolder"/>.</summary>
    public DirectLocalBase(string cacheFolder, StageInputNames? inputs = null)
        : this(cacheFolder, "/", inputs)
    {
    }

    internal DirectLocalBase(string cacheFolder, string hostRoot, StageInputNames? inputs)
    {
        ArgumentException.ThrowIfNullOrEmpty(cacheFolder);
        ArgumentException.ThrowIfNullOrEmpty(hostRoot);
        _cacheFolder = cacheFolder;
        _hostRoot = hostRoot;
        _inputs = inputs ?? StageInputNames.Neutral;
    }

    /// <summary>Where the written base layer is cached (other direct-build caches sit beside it).</summary>
    internal string CacheFolder => _cacheFolder;

    /// <summary>The cache folder under the user's cache (or the temp folder when there is none).</summary>
    public static string DefaultCacheFolder =>
        Path.Combine(StampCache.DefaultFolder ?? Path.Combine(Path.GetTempPath(), "pipeline-cache"), "direct-base");

    /// <summary>Writes (or finds) the local base's layer and returns the base.</summary>
    /// <exception cref="ImageBuildException">A machine file the base needs is missing.</exception>
    public async Task<DirectBaseImage> ResolveAsync(CancellationToken cancellationToken)
    {
        using var rootfs = new MemoryStream();
        await LocalBaseImage.WriteRootFileSystemAsync(rootfs, _hostRoot, _inputs, cancellationToken);
        var tag = LocalBaseImage.Tag(rootfs);
        var diffId = Digest.ComputeSha256(rootfs.GetBuffer().AsSpan(0, (int)rootfs.Length));
        var layerPath = Path.Combine(_cacheFolder, $"local-base-{tag.Tag}.tar.gz");
        var layer = await CachedAsync(layerPath) ?? await CompressAsync(rootfs, layerPath, cancellationToken);
        var config = new JsonObject
        {
            ["architecture"] = Architecture(),
            ["os"] = "linux",
            ["config"] = new JsonObject
            {
                ["Env"] = new JsonArray(PathVariable),
                ["Cmd"] = new JsonArray("/bin/sh"),
                ["Labels"] = new JsonObject { [LocalBaseImage.LabelName] = tag.Tag },
            },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(diffId.ToString()) },
            ["history"] = new JsonArray(new JsonObject { ["created_by"] = "pipeline local base (busybox and the runtime libraries of this machine)" }),
        };
        return new DirectBaseImage(tag.ToString(), config, [layer]) { Directories = await DirectoriesAsync(rootfs, cancellationToken) };
    }

    // The root file system is in memory already: its folders tell which COPY destinations the base has.
    private static async Task<IReadOnlySet<string>> DirectoriesAsync(MemoryStream rootfs, CancellationToken cancellationToken)
    {
        rootfs.Position = 0;
        var directories = new HashSet<string>(StringComparer.Ordinal) { "/" };
        await using var reader = new TarReader(rootfs, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (entry.EntryType == TarEntryType.Directory)
            {
                var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
                directories.Add("/" + name.Trim('/'));
            }
        }

        return directories;
    }

    private static string Architecture() => RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "amd64";

    private static async Task<BaseLayer?> CachedAsync(string layerPath)
    {
        var descriptorPath = layerPath + ".json";
        if (!File.Exists(layerPath) || !File.Exists(descriptorPath))
        {
            return null;
        }

        try
        {
            using var descriptor = JsonDocument.Parse(await File.ReadAllBytesAsync(descriptorPath));
            var digest = Digest.Parse(descriptor.RootElement.GetProperty("digest").GetString()!);
            var size = descriptor.RootElement.GetProperty("size").GetInt64();
            return new FileInfo(layerPath).Length == size ? new BaseLayer(digest, size, layerPath) : null;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or FormatException or InvalidOperationException or IOException)
        {
            return null;   // a damaged cache entry is written again
        }
    }

    private static async Task<BaseLayer> CompressAsync(MemoryStream rootfs, string layerPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(layerPath)!);
        var temporary = $"{layerPath}.{Guid.NewGuid():N}.tmp";
        try
        {
            Digest digest;
            long size;
            await using (var file = File.Create(temporary))
            {
                using var hashing = new HashingWriteStream(file, leaveOpen: true);
                await using (var gzip = new GZipStream(hashing, CompressionLevel.Fastest, leaveOpen: true))
                {
                    rootfs.Position = 0;
                    await rootfs.CopyToAsync(gzip, cancellationToken);
                }

                digest = hashing.Finish();
                size = hashing.Written;
            }

            File.Move(temporary, layerPath, overwrite: true);
            await File.WriteAllTextAsync(layerPath + ".json",
                JsonSerializer.Serialize(new Dictionary<string, object> { ["digest"] = digest.ToString(), ["size"] = size }), cancellationToken);
            return new BaseLayer(digest, size, layerPath);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
