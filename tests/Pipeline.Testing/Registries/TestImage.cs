using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Pipeline.Registry;
using Pipeline.Registry.Http;

namespace Pipeline.Testing.Registries;

/// <summary>
/// A tiny but valid Docker image (schema 2 manifest, one gzip layer holding <c>/seed.txt</c>, a config with
/// labels), built deterministically: the same inputs give the same digests.
/// </summary>
public sealed class TestImage
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private TestImage(ReadOnlyMemory<byte> layer, ReadOnlyMemory<byte> config, ReadOnlyMemory<byte> manifest)
    {
        Layer = layer;
        Config = config;
        Manifest = manifest;
    }

    /// <summary>The gzip layer blob.</summary>
    public ReadOnlyMemory<byte> Layer { get; }

    /// <summary>The image config blob.</summary>
    public ReadOnlyMemory<byte> Config { get; }

    /// <summary>The schema 2 manifest.</summary>
    public ReadOnlyMemory<byte> Manifest { get; }

    /// <summary>The layer's digest.</summary>
    public Digest LayerDigest => Digest.ComputeSha256(Layer.Span);

    /// <summary>The config's digest (the image ID).</summary>
    public Digest ConfigDigest => Digest.ComputeSha256(Config.Span);

    /// <summary>The manifest's digest (what the registry reports as Docker-Content-Digest).</summary>
    public Digest ManifestDigest => Digest.ComputeSha256(Manifest.Span);

    /// <summary>Builds an image whose layer holds <paramref name="content"/> and whose config carries <paramref name="labels"/>.</summary>
    /// <param name="content">The text of <c>/seed.txt</c>.</param>
    /// <param name="labels">The config's labels.</param>
    /// <param name="architecture">The config's architecture (an image for another platform is never run, only described).</param>
    public static TestImage Create(string content, IReadOnlyDictionary<string, string>? labels = null, string architecture = "amd64")
    {
        var tar = LayerTar(content);
        var layer = Gzip(tar);
        var config = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["architecture"] = architecture,
            ["os"] = "linux",
            ["created"] = Epoch.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["config"] = new Dictionary<string, object>
            {
                ["Labels"] = new SortedDictionary<string, string>(labels?.ToDictionary() ?? [], StringComparer.Ordinal),
                ["Cmd"] = new[] { "/bin/true" },
            },
            ["rootfs"] = new Dictionary<string, object>
            {
                ["type"] = "layers",
                ["diff_ids"] = new[] { Digest.ComputeSha256(tar).ToString() },
            },
        });
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaTypes.DockerManifest,
            ["config"] = Descriptor(ManifestMediaTypes.DockerImageConfig, config),
            ["layers"] = new[] { Descriptor(ManifestMediaTypes.DockerLayerGzip, layer) },
        });
        return new TestImage(layer, config, manifest);
    }

    /// <summary>Pushes blobs then the manifest under <paramref name="tag"/>; returns the manifest digest.</summary>
    public async Task<Digest> PushAsync(RegistryClient client, string repository, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        await client.Blobs.UploadAsync(repository, LayerDigest, Layer, cancellationToken);
        await client.Blobs.UploadAsync(repository, ConfigDigest, Config, cancellationToken);
        var descriptor = await client.Manifests.PutAsync(repository, tag, Manifest, ManifestMediaTypes.DockerManifest, cancellationToken);
        return descriptor.Digest;
    }

    private static Dictionary<string, object> Descriptor(string mediaType, byte[] blob) => new()
    {
        ["mediaType"] = mediaType,
        ["size"] = blob.LongLength,
        ["digest"] = Digest.ComputeSha256(blob).ToString(),
    };

    private static byte[] LayerTar(string content)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            var entry = new UstarTarEntry(TarEntryType.RegularFile, "seed.txt")
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                ModificationTime = Epoch,
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            writer.WriteEntry(entry);
        }

        return tar.ToArray();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return compressed.ToArray();
    }
}
