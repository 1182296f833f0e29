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
/// machine files it is made from; its tag and digests are remembered with those files' stamps (a
/// <see cref="StampCache"/> record), so while they are unchanged the files are not read, tarred or hashed again.
/// </summary>
public sealed class DirectLocalBase
{
    // The same settings LocalBaseImage gives the engine's import.
    private const string PathVariable = "PATH=/usr/local/bin:/usr/bin:/bin";
    private const string CacheName = "local-base-layer.stamps";

    private readonly string _cacheFolder;
    private readonly string _hostRoot;
    private readonly StageInputNames _inputs;
    private readonly TimeProvider _clock;

    /// <summary>Creates the local base, caching its layer in <paramref name="cacheFolder"/>.</summary>
    public DirectLocalBase(string cacheFolder, StageInputNames? inputs = null)
        : this(cacheFolder, "/", TimeProvider.System, inputs)
    {
    }

    /// <summary>Creates the local base from the machine files below <paramref name="hostRoot"/>.</summary>
    internal DirectLocalBase(string cacheFolder, string hostRoot, TimeProvider clock, StageInputNames? inputs)
    {
        ArgumentException.ThrowIfNullOrEmpty(cacheFolder);
        ArgumentException.ThrowIfNullOrEmpty(hostRoot);
        ArgumentNullException.ThrowIfNull(clock);
        _cacheFolder = cacheFolder;
        _hostRoot = hostRoot;
        _clock = clock;
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
        var record = StampCache.Load(_cacheFolder, CacheName);
        var stamps = LocalBaseImage.InputStamps(_hostRoot, _inputs, _clock.GetUtcNow(), out var settled);
        if (stamps is not null && Remembered(record.Find(_hostRoot, stamps)) is { } remembered)
        {
            return Image(remembered);
        }

        using var rootfs = new MemoryStream();
        await LocalBaseImage.WriteRootFileSystemAsync(rootfs, _hostRoot, _inputs, cancellationToken);
        var tag = LocalBaseImage.Tag(rootfs);
        var diffId = Digest.ComputeSha256(rootfs.GetBuffer().AsSpan(0, (int)rootfs.Length));
        var layerPath = LayerPath(tag);
        var written = new RootLayer(tag, diffId, await CachedAsync(layerPath) ?? await CompressAsync(rootfs, layerPath, cancellationToken));
        // Remembered only when the files were settled before they were read and unchanged after.
        if (stamps is not null && settled && LocalBaseImage.InputStamps(_hostRoot, _inputs, readAt: null, out _) == stamps)
        {
            record.Remember(_hostRoot, stamps, written.ToString());
            await record.SaveAsync(cancellationToken);
        }

        return Image(written);
    }

    private string LayerPath(ImageReference tag) => Path.Combine(_cacheFolder, $"local-base-{tag.Tag}.tar.gz");

    // The remembered layer, while its file is there with its size; null otherwise (written again).
    private RootLayer? Remembered(string? value)
    {
        var fields = value?.Split(' ');
        if (fields is not { Length: 4 } || !ImageReference.TryParse($"{LocalBaseImage.Repository}:{fields[0]}", out var tag)
            || !Digest.TryParse(fields[1], out var diffId) || !Digest.TryParse(fields[2], out var digest)
            || !long.TryParse(fields[3], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size))
        {
            return null;
        }

        var layer = new FileInfo(LayerPath(tag));
        return layer.Exists && layer.Length == size ? new RootLayer(tag, diffId, new BaseLayer(digest, size, layer.FullName)) : null;
    }

    private DirectBaseImage Image(RootLayer root)
    {
        var (tag, diffId, layer) = root;
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
        // Its folders tell which COPY destinations the base has.
        var directories = new HashSet<string>(LocalBaseImage.Folders(_inputs).Select(folder => "/" + folder), StringComparer.Ordinal) { "/" };
        return new DirectBaseImage(tag.ToString(), config, [layer]) { Directories = directories };
    }

    // The root file system's layer: its tag, its uncompressed digest and the gzip'd file; remembered as one line.
    private sealed record RootLayer(ImageReference Tag, Digest DiffId, BaseLayer Layer)
    {
        public override string ToString() => FormattableString.Invariant($"{Tag.Tag} {DiffId} {Layer.Digest} {Layer.Size}");
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
