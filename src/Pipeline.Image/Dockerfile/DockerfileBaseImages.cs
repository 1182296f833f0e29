using System.Text.RegularExpressions;

namespace Pipeline.Image;

/// <summary>
/// Reads the images a Dockerfile's FROM lines name, with <c>ARG</c> defaults before the first FROM and build
/// arguments substituted, so a build can check its bases are on this machine before the engine tries to pull them.
/// Stage names and <c>scratch</c> are not images.
/// </summary>
internal static partial class DockerfileBaseImages
{
    public static IReadOnlyList<string> Read(string dockerfileText, IReadOnlyDictionary<string, string> buildArguments)
    {
        var globalArguments = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var images = new List<string>();
        var seenFrom = false;
        foreach (var instruction in DockerfileInstruction.Read(dockerfileText))
        {
            var keyword = instruction.Keyword;
            var arguments = instruction.Arguments;
            if (keyword == "ARG" && !seenFrom)
            {
                var equals = arguments.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? arguments : arguments[..equals];
                var value = equals < 0 ? string.Empty : arguments[(equals + 1)..].Trim('"', '\'');
                globalArguments[name.Trim()] = buildArguments.TryGetValue(name.Trim(), out var given) ? given : value;
            }
            else if (keyword == "FROM")
            {
                seenFrom = true;
                var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Where(word => !word.StartsWith("--", StringComparison.Ordinal))
                    .ToArray();
                if (words.Length == 0)
                {
                    continue;
                }

                var image = Substitute(words[0], globalArguments, buildArguments);
                if (!stages.Contains(image) && !string.Equals(image, "scratch", StringComparison.OrdinalIgnoreCase) && !images.Contains(image))
                {
                    images.Add(image);
                }

                if (words.Length >= 3 && string.Equals(words[1], "AS", StringComparison.OrdinalIgnoreCase))
                {
                    stages.Add(words[2]);
                }
            }
        }

        return images;
    }

    private static string Substitute(string word, Dictionary<string, string> globalArguments, IReadOnlyDictionary<string, string> buildArguments) =>
        VariableSyntax().Replace(word, match =>
        {
            var name = match.Groups["braced"].Success ? match.Groups["braced"].Value : match.Groups["plain"].Value;
            var value = globalArguments.TryGetValue(name, out var global) ? global
                : buildArguments.TryGetValue(name, out var given) ? given
                : string.Empty;
            return value.Length == 0 && match.Groups["default"].Success ? match.Groups["default"].Value : value;
        });

    [GeneratedRegex(@"\$\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)(:-(?<default>[^}]*))?\}|\$(?<plain>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariableSyntax();
}
