using System.Globalization;

namespace Pipeline.Version;

/// <summary>
/// The SemVer 2.0.0 grammar (https://semver.org/#backusnaur-form-grammar-for-valid-semver-versions),
/// checked by hand so every rejection can say which part is wrong.
/// </summary>
internal static class SemVerGrammar
{
    /// <summary>Docker tags are <c>[\w][\w.-]{0,127}</c>: at most 128 characters.</summary>
    internal const int MaxTagLength = 128;

    internal readonly record struct Parts(int Major, int Minor, int Patch, string Prerelease, string BuildMetadata);

    /// <summary>Parses <paramref name="text"/>; on failure returns false and a reason (without the input).</summary>
    internal static bool TryParse(string? text, out Parts parts, out string reason)
    {
        parts = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "it is empty";
            return false;
        }

        if (text.Any(char.IsWhiteSpace))
        {
            reason = "it contains whitespace";
            return false;
        }

        var rest = text.StartsWith('v') || text.StartsWith('V') ? text[1..] : text;

        var build = string.Empty;
        var plus = rest.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            build = rest[(plus + 1)..];
            rest = rest[..plus];
            if (!ValidIdentifiers(build, numericMayHaveLeadingZeros: true, out reason))
            {
                reason = "its build metadata " + reason;
                return false;
            }
        }

        var prerelease = string.Empty;
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            prerelease = rest[(dash + 1)..];
            rest = rest[..dash];
            if (!ValidIdentifiers(prerelease, numericMayHaveLeadingZeros: false, out reason))
            {
                reason = "its pre-release part " + reason;
                return false;
            }
        }

        var core = rest.Split('.');
        if (core.Length != 3)
        {
            reason = "it needs exactly three numbers MAJOR.MINOR.PATCH";
            return false;
        }

        var numbers = new int[3];
        for (var i = 0; i < 3; i++)
        {
            if (!TryParseCoreNumber(core[i], out numbers[i], out reason))
            {
                return false;
            }
        }

        parts = new Parts(numbers[0], numbers[1], numbers[2], prerelease, build);
        // "v" + MAJOR.MINOR.PATCH + "-pre" + "_build": the tag keeps every character but the prefix and '+'.
        var tagLength = 1 + rest.Length + (dash >= 0 ? 1 + prerelease.Length : 0) + (plus >= 0 ? 1 + build.Length : 0);
        if (tagLength > MaxTagLength)
        {
            reason = $"its image tag would be {tagLength} characters and a Docker tag holds at most {MaxTagLength}";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static bool TryParseCoreNumber(string digits, out int value, out string reason)
    {
        value = 0;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            reason = $"'{digits}' is not a number (MAJOR.MINOR.PATCH are digits only)";
            return false;
        }

        if (digits.Length > 1 && digits[0] == '0')
        {
            reason = $"'{digits}' has a leading zero";
            return false;
        }

        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            reason = $"'{digits}' is too large";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static bool ValidIdentifiers(string dotted, bool numericMayHaveLeadingZeros, out string reason)
    {
        foreach (var identifier in dotted.Split('.'))
        {
            if (identifier.Length == 0)
            {
                reason = "has an empty identifier (two dots, or nothing after '-' / '+')";
                return false;
            }

            if (!identifier.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                reason = $"'{identifier}' may hold only ASCII letters, digits and '-'";
                return false;
            }

            if (!numericMayHaveLeadingZeros && identifier.Length > 1 && identifier[0] == '0'
                && identifier.All(char.IsAsciiDigit))
            {
                reason = $"'{identifier}' is numeric with a leading zero";
                return false;
            }
        }

        reason = string.Empty;
        return true;
    }
}
