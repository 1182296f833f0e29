using System.Text.RegularExpressions;

namespace Pipeline.Registry;

/// <summary>
/// The distribution reference grammar (github.com/distribution/reference, regexp.go) in one place, so every
/// value type validates the same way and error messages agree.
/// </summary>
internal static partial class ReferenceGrammar
{
    /// <summary>Docker Hub's canonical domain; <c>index.docker.io</c> is an alias of it.</summary>
    public const string DockerHubDomain = "docker.io";

    /// <summary>Single-component Docker Hub names live under <c>library/</c> (<c>nginx</c> → <c>library/nginx</c>).</summary>
    public const string DockerHubOfficialNamespace = "library";

    /// <summary>The whole name (domain + path) may not exceed 255 characters.</summary>
    public const int NameTotalLengthMax = 255;

    // domain-component := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
    // domain-name := domain-component ['.' domain-component]*
    // host := domain-name | IPv4address | \[ IPv6address \]
    // domain := host [':' port-number]
    [GeneratedRegex(@"^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?\z", RegexOptions.CultureInvariant)]
    public static partial Regex Domain();

    // path-component := alpha-numeric [separator alpha-numeric]*; separator := /[_.]|__|[-]+/
    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*\z", RegexOptions.CultureInvariant)]
    public static partial Regex Path();

    // tag := /[\w][\w.-]{0,127}/ (\w is ASCII-only in Go's RE2)
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z", RegexOptions.CultureInvariant)]
    public static partial Regex Tag();

    // digest := algorithm ":" encoded; algorithm := component [separator component]*; encoded := [a-fA-F0-9]{32,}
    [GeneratedRegex(@"^[a-z0-9]+(?:[.+_-][a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    public static partial Regex DigestAlgorithm();

    [GeneratedRegex(@"^[a-f0-9]{32,}\z", RegexOptions.CultureInvariant)]
    public static partial Regex DigestHex();

    /// <summary>
    /// Docker's rule for "is the first component a registry?": it holds a <c>.</c> or a <c>:</c>, is
    /// <c>localhost</c>, or has upper case (which no repository path may have).
    /// </summary>
    public static bool LooksLikeDomain(string firstComponent) =>
        firstComponent.Contains('.', StringComparison.Ordinal)
        || firstComponent.Contains(':', StringComparison.Ordinal)
        || firstComponent.Equals("localhost", StringComparison.Ordinal)
        || firstComponent.Any(char.IsAsciiLetterUpper);

    /// <summary>Validates a repository path, returning why it is invalid (or null when it is fine).</summary>
    public static string? ExplainInvalidPath(string path, string input)
    {
        if (path.Length == 0)
        {
            return $"'{input}' has an empty repository name: give one such as 'team/service'";
        }

        if (path.Any(char.IsAsciiLetterUpper))
        {
            return $"repository name '{path}' in '{input}' must be lowercase: use '{path.ToLowerInvariant()}'";
        }

        if (!Path().IsMatch(path))
        {
            return $"repository name '{path}' in '{input}' is invalid: use lower-case letters and digits separated by '/', '.', '_', '__' or '-'";
        }

        return null;
    }

    /// <summary>Validates a tag, returning why it is invalid (or null when it is fine).</summary>
    public static string? ExplainInvalidTag(string tag, string input)
    {
        if (tag.Length > 128)
        {
            return $"tag '{Shorten(tag)}' in '{Shorten(input)}' is {tag.Length} characters long: a tag holds at most 128";
        }

        return Tag().IsMatch(tag)
            ? null
            : $"tag '{tag}' in '{input}' is invalid: a tag starts with a letter, digit or '_' and holds only letters, digits, '_', '.' and '-'";
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 37), "...");
}
