namespace Pipeline.Registry.Globs;

/// <summary>
/// Where two glob matchers that Pipeline mirrors part ways: whether <c>**</c> spans path segments and how a
/// <c>[…]</c> class is read. Both keep <c>*</c> and <c>?</c> inside one segment and let <c>\</c> escape.
/// </summary>
internal sealed record GlobDialect
{
    /// <summary>
    /// Docker's <c>.dockerignore</c> matcher (moby/patternmatcher): <c>**</c> spans any number of segments,
    /// <c>[^…]</c> and <c>[!…]</c> negate, a class is read as written (ranges, <c>\</c> escapes), and an
    /// unterminated class is an invalid pattern.
    /// </summary>
    public static GlobDialect DockerIgnore { get; } = new() { DoubleStarSpansSegments = true, Classes = GlobClassSyntax.DockerIgnore };

    /// <summary>
    /// Go's <c>filepath.Match</c> as the kubelet applies it to one host label: <c>**</c> is two <c>*</c>, only
    /// <c>[^…]</c> negates, a class holds its characters literally (ranges kept), and an unterminated class never matches.
    /// </summary>
    public static GlobDialect FilepathMatch { get; } = new() { DoubleStarSpansSegments = false, Classes = GlobClassSyntax.FilepathMatch };

    /// <summary>True when <c>**</c> matches across <c>/</c> (zero or more whole segments; everything below at the end).</summary>
    public required bool DoubleStarSpansSegments { get; init; }

    /// <summary>How a <c>[…]</c> class is read.</summary>
    public required GlobClassSyntax Classes { get; init; }
}
