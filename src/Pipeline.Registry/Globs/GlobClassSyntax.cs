namespace Pipeline.Registry.Globs;

/// <summary>How a glob's <c>[…]</c> character class is read.</summary>
internal enum GlobClassSyntax
{
    /// <summary><c>^</c> or <c>!</c> negates, the body is taken as written with <c>\</c> escapes, an unescaped <c>]</c> closes.</summary>
    DockerIgnore,

    /// <summary>Only <c>^</c> negates, the body's characters are literal (a <c>-</c> range still works), the first <c>]</c> closes.</summary>
    FilepathMatch,
}
