using System.Security.Cryptography;

namespace Pipeline.Image;

/// <summary>
/// The stamps (<see cref="FileStamp"/>) of a set of files a publish reads or writes, by full path, and one digest
/// over them: equal digests mean no file was written, added or removed since. A file that is not there counts as
/// "absent", so creating one (a new Directory.Build.props) changes the digest.
/// </summary>
/// <param name="readAt">When the stamps are read; null for files only the finished publish wrote (its output), which
/// nothing else writes in the same clock tick.</param>
internal sealed class PublishInputs(DateTimeOffset? readAt)
{
    private const string Absent = "absent";

    private readonly SortedDictionary<string, string> _stamps = new(StringComparer.Ordinal);

    /// <summary>
    /// False when a stamp could not be read, or was written so shortly before it was read that a later write could
    /// keep it (<see cref="FileStamp.IsSettledAt"/>): such inputs are compared, never recorded.
    /// </summary>
    public bool Recordable { get; private set; } = true;

    /// <summary>How many of the files exist.</summary>
    public int Count => _stamps.Values.Count(stamp => stamp != Absent);

    /// <summary>Adds a file or folder (a folder's stamp moves when an entry is added or removed).</summary>
    public void Add(string path)
    {
        if (FileStamp.Read(path) is { } stamp)
        {
            Recordable &= readAt is not { } time || stamp.IsSettledAt(time);
            _stamps[path] = stamp.ToString();
        }
        else if (File.Exists(path) || Directory.Exists(path))
        {
            Recordable = false;
            _stamps[path] = "unreadable";
        }
        else
        {
            _stamps[path] = Absent;
        }
    }

    /// <summary>Marks an input that could not be found (the muxer): compared as such, never recorded.</summary>
    public void AddUnknown(string name)
    {
        Recordable = false;
        _stamps[name] = "unknown";
    }

    /// <summary>Adds every file under <paramref name="folder"/> except in <paramref name="excluded"/> folders (full paths).</summary>
    public void AddTree(string folder, IReadOnlySet<string> excluded)
    {
        if (!Directory.Exists(folder))
        {
            _stamps[folder] = Absent;
            return;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", options))
        {
            if (entry is DirectoryInfo directory)
            {
                // MSBuild's default globs skip hidden folders (**/.*/**): a .git or .vs folder changes all the time.
                if (!directory.Name.StartsWith('.') && !excluded.Contains(directory.FullName))
                {
                    AddTree(directory.FullName, excluded);
                }
            }
            else
            {
                Add(entry.FullName);
            }
        }
    }

    /// <summary>Adds the <see cref="MsBuildProbes.FileNames"/> of <paramref name="folder"/> and of every folder above it.</summary>
    public void AddProbes(string folder)
    {
        for (var current = new DirectoryInfo(folder); current is not null; current = current.Parent)
        {
            foreach (var name in MsBuildProbes.FileNames)
            {
                Add(Path.Combine(current.FullName, name));
            }
        }
    }

    /// <summary>
    /// True when every file both hold has the same stamp in each (none was written in between), except files under
    /// <paramref name="writtenByThePublish"/> (the intermediate folder: its restore rewrites package props).
    /// </summary>
    public bool AgreesWith(PublishInputs earlier, string? writtenByThePublish) =>
        _stamps.All(pair => !earlier._stamps.TryGetValue(pair.Key, out var stamp) || stamp == pair.Value
            || (writtenByThePublish is not null && pair.Key.StartsWith(writtenByThePublish + Path.DirectorySeparatorChar, StringComparison.Ordinal)));

    /// <summary>A SHA-256 over <paramref name="fields"/> and every path with its stamp.</summary>
    public string Digest(params string[] fields)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        FieldHash.Append(hash, [.. fields.Concat(_stamps.SelectMany(pair => new[] { pair.Key, pair.Value }))]);

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
