using System.Text;

namespace Pipeline.Image;

/// <summary>
/// Values worked out from files (a file's SHA-256, the local base's tag), remembered in one small text file under
/// the user's cache folder together with the stamps of the files they came from (<see cref="FileStamp"/>): a value
/// is used again only while the stamp is the same. Keeps what this run asked for and drops the rest when saved.
/// A cache that cannot be read or written only costs time: the values are worked out again.
/// </summary>
internal sealed class StampCache
{
    private const string Header = "pipeline-stamp-cache 1";

    // Caches of folders nobody built for this long (temporary contexts, old checkouts) are deleted.
    private static readonly TimeSpan Unused = TimeSpan.FromDays(30);

    private readonly string? _file;
    private readonly Dictionary<string, (string Stamp, string Value)> _loaded;
    private readonly Dictionary<string, (string Stamp, string Value)> _kept = new(StringComparer.Ordinal);
    private bool _changed;

    private StampCache(string? file, Dictionary<string, (string Stamp, string Value)> loaded)
    {
        _file = file;
        _loaded = loaded;
    }

    /// <summary>
    /// <c>$XDG_CACHE_HOME/pipeline</c>, else <c>~/.cache/pipeline</c>; null when there is no home folder (nothing is
    /// then remembered).
    /// </summary>
    public static string? DefaultFolder
    {
        get
        {
            if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cacheHome && Path.IsPathRooted(cacheHome))
            {
                return Path.Combine(cacheHome, "pipeline");
            }

            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return home.Length > 0 ? Path.Combine(home, ".cache", "pipeline") : null;
        }
    }

    /// <summary>A cache that remembers nothing.</summary>
    public static StampCache None => new(null, new Dictionary<string, (string, string)>(StringComparer.Ordinal));

    /// <summary>Loads <paramref name="name"/> (a file name) from <paramref name="folder"/>; empty when absent or unreadable.</summary>
    public static StampCache Load(string? folder, string name)
    {
        var entries = new Dictionary<string, (string Stamp, string Value)>(StringComparer.Ordinal);
        if (folder is null)
        {
            return new StampCache(null, entries);
        }

        var file = Path.Combine(folder, name);
        try
        {
            using var reader = new StreamReader(file, Encoding.UTF8);
            if (reader.ReadLine() != Header)
            {
                return new StampCache(file, entries);
            }

            while (reader.ReadLine() is { } line)
            {
                var fields = line.Split('\t');
                if (fields.Length == 3)
                {
                    entries[fields[0]] = (fields[1], fields[2]);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            entries.Clear();
        }

        return new StampCache(file, entries);
    }

    /// <summary>The value remembered for <paramref name="key"/> while its files had <paramref name="stamp"/>; null otherwise.</summary>
    public string? Find(string key, string stamp)
    {
        if (_loaded.TryGetValue(key, out var entry) && entry.Stamp == stamp)
        {
            _kept[key] = entry;
            return entry.Value;
        }

        return null;
    }

    /// <summary>The loaded keys that start with <paramref name="prefix"/>, in order (a record of many files lists them so).</summary>
    public IReadOnlyList<string> KeysStartingWith(string prefix) =>
        [.. _loaded.Keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>Remembers <paramref name="value"/> for <paramref name="key"/> while its files have <paramref name="stamp"/>.</summary>
    public void Remember(string key, string stamp, string value)
    {
        // The file is tab- and line-separated: a key or value that holds either is not remembered.
        if (!Storable(key) || !Storable(stamp) || !Storable(value))
        {
            return;
        }

        _kept[key] = (stamp, value);
        _changed = true;
    }

    /// <summary>Writes what this run used, when that differs from what was loaded.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_file is null || (!_changed && _kept.Count == _loaded.Count))
        {
            return;
        }

        var folder = Path.GetDirectoryName(_file)!;
        var temporary = $"{_file}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(folder);
            var text = new StringBuilder(Header).Append('\n');
            foreach (var (key, (stamp, value)) in _kept.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                text.Append(key).Append('\t').Append(stamp).Append('\t').Append(value).Append('\n');
            }

            await File.WriteAllTextAsync(temporary, text.ToString(), cancellationToken);
            // A rename replaces the file at once: a build reading it meanwhile sees the old one or the new one.
            File.Move(temporary, _file, overwrite: true);
            DeleteUnused(folder);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
        }
    }

    private static bool Storable(string text) => text.AsSpan().IndexOfAny('\t', '\n', '\r') < 0;

    // A cache only read (nothing changed) keeps its old time: at worst it goes and its values are worked out once more.
    private static void DeleteUnused(string folder)
    {
        var limit = DateTime.UtcNow - Unused;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*.stamps"))
        {
            if (file.LastWriteTimeUtc < limit)
            {
                TryDelete(file.FullName);
            }
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Another build removed or holds it: nothing to clean up here.
        }
    }
}
