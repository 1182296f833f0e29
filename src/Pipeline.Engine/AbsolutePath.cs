namespace Pipeline.Engine;

/// <summary>A normalised absolute file-system path. Combine with <c>/</c>: <c>RootDirectory / "artifacts"</c>.</summary>
public sealed class AbsolutePath : IEquatable<AbsolutePath>
{
    private AbsolutePath(string value) => Value = value;

    /// <summary>The full path, without a trailing separator (except for the file-system root).</summary>
    public string Value { get; }

    /// <summary>The last segment (file or directory name).</summary>
    public string Name => Path.GetFileName(Value);

    /// <summary>The containing directory, or null for the file-system root.</summary>
    public AbsolutePath? Parent => Path.GetDirectoryName(Value) is { } parent ? new AbsolutePath(parent) : null;

    /// <summary>Whether a file or a directory exists at this path.</summary>
    public bool Exists => File.Exists(Value) || Directory.Exists(Value);

    /// <summary>Creates a path from an absolute path string; relative paths are rejected.</summary>
    /// <exception cref="ArgumentException">The path is empty or not absolute.</exception>
    public static AbsolutePath Create(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!Path.IsPathFullyQualified(path))
        {
            throw new ArgumentException($"'{path}' is not an absolute path.", nameof(path));
        }

        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full);
        return new AbsolutePath(full.Length > root?.Length ? Path.TrimEndingDirectorySeparator(full) : full);
    }

    /// <summary>Combines a path with a relative segment (which may contain <c>..</c> or several parts).</summary>
    public static AbsolutePath operator /(AbsolutePath left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return Create(Path.Combine(left.Value, right));
    }

    /// <summary>Combines a path with a relative segment; the named form of <c>/</c>.</summary>
    public AbsolutePath Combine(string relative) => this / relative;

    /// <summary>The full path string.</summary>
    public static implicit operator string(AbsolutePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Value;
    }

    /// <inheritdoc />
    public bool Equals(AbsolutePath? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AbsolutePath other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
