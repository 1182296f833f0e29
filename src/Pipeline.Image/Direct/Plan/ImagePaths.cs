namespace Pipeline.Image.Direct;

/// <summary>Absolute, <c>/</c>-separated paths inside the image, cleaned as Go's <c>path.Clean</c> cleans them.</summary>
internal static class ImagePaths
{
    /// <summary>Orders entries as a layer lists them: parents before children, then segment by segment, ordinally.</summary>
    public static IComparer<string> Order { get; } = Comparer<string>.Create(static (left, right) =>
    {
        var a = left.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var b = right.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var compared = string.CompareOrdinal(a[i], b[i]);
            if (compared != 0)
            {
                return compared;
            }
        }

        return a.Length.CompareTo(b.Length);
    });

    /// <summary><paramref name="path"/> made absolute against <paramref name="directory"/> and cleaned (<c>..</c> stops at <c>/</c>).</summary>
    public static string Resolve(string directory, string path) =>
        "/" + IgnorePattern.CleanPath("/" + (path.StartsWith('/') ? path : directory.TrimEnd('/') + "/" + path)).TrimStart('/');

    /// <summary>The folders above <paramref name="path"/>, outermost first, <c>/</c> excluded.</summary>
    public static IEnumerable<string> Parents(string path)
    {
        for (var slash = path.IndexOf('/', 1); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    /// <summary><paramref name="path"/> with its parents: every folder down to it, outermost first.</summary>
    public static IEnumerable<string> SelfAndParents(string path) => path == "/" ? [] : [.. Parents(path), path];
}
