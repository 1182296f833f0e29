using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Registry;

namespace Pipeline.Image.Direct;

/// <summary>
/// Layers written before, kept as files beside a <see cref="StampCache"/> record, one folder per build context: a
/// layer whose entries (paths, owners, modes, the build's time) and source files' stamps (<see cref="FileStamp"/>)
/// are those of a remembered one is neither written nor hashed again (the runtime and package layers of a .NET app
/// change with the SDK or a package, not with a code change). A layer is remembered only when its files' stamps were
/// settled before it was written and unchanged after; files this context's builds no longer use go after an hour
/// (a concurrent build may still upload one). A cache that cannot be read or written only costs time.
/// </summary>
internal sealed class LayerCache
{
    private const string RecordName = "layers.stamps";
    private const string LayerExtension = ".tar.gz";
    private static readonly TimeSpan Unused = TimeSpan.FromHours(1);

    private readonly string _folder;
    private readonly StampCache _record;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private readonly HashSet<string> _kept = new(StringComparer.Ordinal);

    private LayerCache(string folder, TimeProvider clock)
    {
        _folder = folder;
        _record = StampCache.Load(folder, RecordName);
        _clock = clock;
    }

    /// <summary>The cache of the layers built from <paramref name="contextDirectory"/>, under <paramref name="cacheFolder"/>.</summary>
    public static LayerCache Open(string cacheFolder, string contextDirectory, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(cacheFolder);
        ArgumentException.ThrowIfNullOrEmpty(contextDirectory);
        ArgumentNullException.ThrowIfNull(clock);
        return new LayerCache(Path.Combine(cacheFolder, "layers", Hash(Path.GetFullPath(contextDirectory))[..16]), clock);
    }

    /// <summary>The remembered layer of <paramref name="files"/>, else what <paramref name="write"/> writes (then remembered when it can be).</summary>
    public async Task<WrittenLayer> GetOrWriteAsync(IReadOnlyList<LayerFile> files, DateTimeOffset modified, Func<Task<WrittenLayer>> write)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(write);
        var key = Key(files, modified);
        var stamps = Stamps(files, _clock.GetUtcNow());
        if (stamps is not null && Find(key, stamps) is { } remembered)
        {
            return remembered;
        }

        var written = await write();
        // Read again: a file written while it was copied into the layer may have been read half-written.
        if (stamps is null || Stamps(files, readAt: null) != stamps)
        {
            return written;
        }

        var path = Path.Combine(_folder, written.Digest.Hex + LayerExtension);
        try
        {
            Directory.CreateDirectory(_folder);
            File.Move(written.Path, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return written;
        }

        lock (_lock)
        {
            _record.Remember(key, stamps, FormattableString.Invariant($"{written.Digest} {written.DiffId} {written.Size}"));
            _kept.Add(path);
        }

        return written with { Path = path };
    }

    /// <summary>Writes the record of the layers this build used and deletes the layer files no build used for an hour.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await _record.SaveAsync(cancellationToken);
        try
        {
            var limit = _clock.GetUtcNow().UtcDateTime - Unused;
            foreach (var file in new DirectoryInfo(_folder).EnumerateFiles("*" + LayerExtension))
            {
                if (!_kept.Contains(file.FullName) && file.LastWriteTimeUtc < limit)
                {
                    file.Delete();
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Nothing written yet, or another build holds a file: it goes another time.
        }
    }

    private WrittenLayer? Find(string key, string stamps)
    {
        string? value;
        lock (_lock)
        {
            value = _record.Find(key, stamps);
        }

        var fields = value?.Split(' ');
        if (fields is not { Length: 3 } || !Digest.TryParse(fields[0], out var digest) || !Digest.TryParse(fields[1], out var diffId)
            || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return null;
        }

        var path = Path.Combine(_folder, digest.Hex + LayerExtension);
        var file = new FileInfo(path);
        if (!file.Exists || file.Length != size)
        {
            return null;   // removed or damaged: written again
        }

        lock (_lock)
        {
            _kept.Add(path);
        }

        // Touched, so that the cleanup of another build of this context keeps it.
        file.LastWriteTimeUtc = _clock.GetUtcNow().UtcDateTime;
        return new WrittenLayer(path, digest, diffId, size);
    }

    // What the layer's bytes follow from, besides its files' contents: the entries, the build's time and this writer's build.
    private static string Key(IReadOnlyList<LayerFile> files, DateTimeOffset modified)
    {
        var text = new StringBuilder(typeof(LayerWriter).Assembly.ManifestModule.ModuleVersionId.ToString("N"))
            .Append('\n').Append(modified.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        foreach (var file in files)
        {
            text.Append('\n').Append(file.ImagePath).Append('\0').Append(file.SourcePath).Append('\0')
                .Append(((int)file.Mode).ToString(CultureInfo.InvariantCulture)).Append('\0')
                .Append(file.UserId.ToString(CultureInfo.InvariantCulture)).Append(':').Append(file.GroupId.ToString(CultureInfo.InvariantCulture));
        }

        return "layer " + Hash(text.ToString());
    }

    // The stamps of the source files, hashed; null when one cannot be read, or (with readAt) is too recent to be trusted.
    private static string? Stamps(IReadOnlyList<LayerFile> files, DateTimeOffset? readAt)
    {
        var text = new StringBuilder();
        foreach (var file in files)
        {
            if (file.SourcePath is not { } source)
            {
                continue;
            }

            if (FileStamp.Read(source) is not { } stamp || (readAt is { } time && !stamp.IsSettledAt(time)))
            {
                return null;
            }

            text.Append(stamp).Append('\n');
        }

        return Hash(text.ToString());
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
