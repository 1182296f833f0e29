namespace Pipeline.Image;

/// <summary>
/// The rules of a <c>.dockerignore</c> file with Docker's semantics: lines apply in order, the last matching line
/// wins, <c>!</c> lines are exceptions, and a path is excluded when it or one of its parent folders is matched.
/// </summary>
public sealed class DockerIgnore
{
    private readonly IReadOnlyList<IgnorePattern> _patterns;

    private DockerIgnore(IReadOnlyList<IgnorePattern> patterns) => _patterns = patterns;

    /// <summary>No rules: everything is sent.</summary>
    public static DockerIgnore Empty { get; } = new([]);

    /// <summary>The cleaned patterns in order, exceptions with their leading <c>!</c>.</summary>
    public IReadOnlyList<string> Patterns => [.. _patterns.Select(p => p.IsException ? "!" + p.Text : p.Text)];

    /// <summary>True when some line is an exception (<c>!…</c>), so excluded folders must still be searched.</summary>
    public bool HasExceptions => _patterns.Any(p => p.IsException);

    /// <summary>Parses the text of a <c>.dockerignore</c> file.</summary>
    public static DockerIgnore Parse(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = content.TrimStart('\uFEFF');
        return new DockerIgnore([.. text.Split('\n').Select(line => IgnorePattern.FromLine(line.TrimEnd('\r'))).OfType<IgnorePattern>()]);
    }

    /// <summary>Reads a <c>.dockerignore</c> file; <see cref="Empty"/> when it does not exist.</summary>
    public static async Task<DockerIgnore> LoadAsync(string path, CancellationToken cancellationToken) =>
        File.Exists(path) ? Parse(await File.ReadAllTextAsync(path, cancellationToken)) : Empty;

    /// <summary>
    /// The ignore file a build of <paramref name="contextDirectory"/> from <paramref name="dockerfile"/> takes when the
    /// context has none of its own: the <c>.dockerignore</c> beside the Dockerfile (a published app has none; the
    /// project's keeps debug symbols out of the image). Null when the context has its own, or there is none.
    /// </summary>
    public static string? BesideDockerfile(string dockerfile, string contextDirectory)
    {
        if (File.Exists(Path.Combine(contextDirectory, ".dockerignore")) || Path.GetDirectoryName(Path.GetFullPath(dockerfile)) is not { } folder)
        {
            return null;
        }

        var beside = Path.Combine(folder, ".dockerignore");
        return File.Exists(beside) ? beside : null;
    }

    /// <summary>The same rules plus an exception for <paramref name="relativePath"/> when the rules would exclude it.</summary>
    public DockerIgnore Keeping(string relativePath) =>
        IsExcluded(relativePath) ? new DockerIgnore([.. _patterns, IgnorePattern.FromLine("!" + relativePath)!]) : this;

    /// <summary>True when <paramref name="relativePath"/> (relative to the context, <c>/</c>-separated) is not sent.</summary>
    public bool IsExcluded(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var path = IgnorePattern.CleanPath(relativePath.Replace('\\', '/')).TrimStart('/');
        var slash = path.LastIndexOf('/');
        var parents = slash < 0 ? [] : path[..slash].Split('/');

        var excluded = false;
        foreach (var pattern in _patterns)
        {
            // An exclusion cannot change an excluded path, an exception cannot change an included one.
            if (pattern.IsException != excluded)
            {
                continue;
            }

            var matched = pattern.Matches(path);
            for (var depth = 1; !matched && depth <= parents.Length; depth++)
            {
                matched = pattern.Matches(string.Join('/', parents[..depth]));
            }

            if (matched)
            {
                excluded = !pattern.IsException;
            }
        }

        return excluded;
    }
}
