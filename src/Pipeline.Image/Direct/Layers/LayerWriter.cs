using System.Formats.Tar;
using System.IO.Compression;

namespace Pipeline.Image.Direct;

/// <summary>
/// Writes layers as reproducible gzip'd tars: entries sorted by path, the given owners and modes, one fixed
/// modification time per layer, no user or group names and no access or change times, so the same files give the same
/// bytes on every machine. The tar is streamed through gzip (fastest level) into a file while both hashes are
/// computed; no layer is held in memory. Independent layers are written in parallel, one per core; with a
/// <see cref="LayerCache"/>, <see cref="WriteAllAsync"/> takes the layers whose files did not change from it instead.
/// </summary>
public sealed class LayerWriter
{
    private readonly string _folder;
    private readonly LayerCache? _cache;

    /// <summary>Creates a writer that puts its layer files in <paramref name="folder"/> (created when missing).</summary>
    public LayerWriter(string folder)
        : this(folder, cache: null)
    {
    }

    internal LayerWriter(string folder, LayerCache? cache)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        _folder = folder;
        _cache = cache;
    }

    /// <summary>Writes each list of entries as its own layer, in parallel; the results are in the order given.</summary>
    /// <exception cref="ImageBuildException">An entry is invalid (relative path, missing source file).</exception>
    public async Task<IReadOnlyList<WrittenLayer>> WriteAllAsync(IReadOnlyList<LayerContent> layers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var written = new WrittenLayer[layers.Count];
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, layers.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                async (index, token) => written[index] = _cache is null
                    ? await WriteAsync(layers[index].Files, layers[index].Modified, token)
                    : await _cache.GetOrWriteAsync(layers[index].Files, layers[index].Modified, () => WriteAsync(layers[index].Files, layers[index].Modified, token)));
        }
        finally
        {
            // Also when the build stopped the writing (the registry holds the release): what was written is kept.
            if (_cache is not null)
            {
                await _cache.SaveAsync(CancellationToken.None);
            }
        }

        return written;
    }

    /// <summary>Writes one layer.</summary>
    /// <exception cref="ImageBuildException">An entry is invalid (relative path, missing source file).</exception>
    public async Task<WrittenLayer> WriteAsync(IReadOnlyList<LayerFile> files, DateTimeOffset modified, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, $"layer-{Guid.NewGuid():N}.tar.gz");
        try
        {
            return await WriteFileAsync(path, Sorted(files), modified, cancellationToken);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>The entries in tar order: by path with <c>/</c> sorting before any other character, each once.</summary>
    internal static List<LayerFile> Sorted(IReadOnlyList<LayerFile> files)
    {
        var byPath = new Dictionary<string, LayerFile>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!file.ImagePath.StartsWith('/') || file.ImagePath.Length < 2)
            {
                throw new ImageBuildException(ImageBuildFailureKind.InvalidInput,
                    $"the layer entry '{file.ImagePath}' is not an absolute path in the image: give paths like /app/{Path.GetFileName(file.ImagePath)}");
            }

            byPath[TarName(file)] = file;   // a later COPY of the same path wins, as in the engine
        }

        // Ordinal order of the names with '/' lowest keeps a folder's entries right after it (a/b before a-c).
        return [.. byPath.OrderBy(pair => pair.Key.Replace('/', '\0'), StringComparer.Ordinal).Select(pair => pair.Value)];
    }

    private static async Task<WrittenLayer> WriteFileAsync(string path, List<LayerFile> files, DateTimeOffset modified, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var compressed = new HashingWriteStream(file, leaveOpen: true);
        var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true);
        var uncompressed = new HashingWriteStream(gzip, leaveOpen: true);
        await using (var tar = new TarWriter(uncompressed, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var entry in files)
            {
                await WriteEntryAsync(tar, entry, modified, cancellationToken);
            }
        }

        await uncompressed.FlushAsync(cancellationToken);
        await gzip.DisposeAsync();
        await compressed.FlushAsync(cancellationToken);
        var layer = new WrittenLayer(path, compressed.Finish(), uncompressed.Finish(), compressed.Written);
        await uncompressed.DisposeAsync();
        await compressed.DisposeAsync();
        return layer;
    }

    private static async Task WriteEntryAsync(TarWriter tar, LayerFile file, DateTimeOffset modified, CancellationToken cancellationToken)
    {
        var name = TarName(file);
        var kind = file.IsDirectory ? TarEntryType.Directory : TarEntryType.RegularFile;
        // Ustar holds names up to 255 bytes (prefix + name); longer ones need GNU's long-name entry.
        TarEntry entry = System.Text.Encoding.UTF8.GetByteCount(name) <= 100 || FitsUstar(name)
            ? new UstarTarEntry(kind, name)
            : new GnuTarEntry(kind, name) { AccessTime = modified, ChangeTime = modified };
        entry.Mode = file.Mode;
        entry.Uid = file.UserId;
        entry.Gid = file.GroupId;
        entry.ModificationTime = modified;
        if (file.SourcePath is not { } source)
        {
            await tar.WriteEntryAsync(entry, cancellationToken);
            return;
        }

        FileStream content;
        try
        {
            content = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ImageBuildException(ImageBuildFailureKind.InvalidInput,
                $"cannot read {source} for {file.ImagePath} in the image: {exception.Message} Nothing was pushed; build again once the file is readable.",
                innerException: exception);
        }

        await using (content)
        {
            entry.DataStream = content;
            await tar.WriteEntryAsync(entry, cancellationToken);
        }
    }

    // Docker's tars name entries without the leading slash, folders with a trailing one.
    private static string TarName(LayerFile file) =>
        file.ImagePath.TrimStart('/').TrimEnd('/') + (file.IsDirectory ? "/" : string.Empty);

    private static bool FitsUstar(string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name);
        for (var split = 0; split < bytes.Length; split++)
        {
            if (bytes[split] == (byte)'/' && split <= 155 && bytes.Length - split - 1 <= 100)
            {
                return true;
            }
        }

        return false;
    }
}
