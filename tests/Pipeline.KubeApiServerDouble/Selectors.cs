// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.KubeApiServerDouble;

/// <summary>
/// Label selectors (<c>a=b</c>, <c>a!=b</c>, <c>a in (x,y)</c>, <c>a notin (x)</c>, <c>a</c>, <c>!a</c>) and field
/// selectors over dotted paths (<c>involvedObject.name=web-1</c>), as list calls use them.
/// </summary>
internal static partial class Selectors
{
    public static Func<JsonObject, bool> Labels(string? selector)
    {
        var requirements = Split(selector).Select(ParseLabelRequirement).ToList();
        return item =>
        {
            var labels = JsonPaths.Metadata(item)["labels"] as JsonObject;
            return requirements.All(requirement => requirement(labels));
        };
    }

    public static Func<JsonObject, bool> Fields(string? selector)
    {
        var requirements = Split(selector).Select(term =>
        {
            var negated = term.Contains("!=", StringComparison.Ordinal);
            var parts = term.Split(negated ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
            if (parts.Length != 2)
            {
                throw new PatchException(400, "BadRequest", $"invalid field selector term '{term}'");
            }

            return (Path: parts[0].Trim(), Value: parts[1].Trim(), Negated: negated);
        }).ToList();
        return item => requirements.All(requirement =>
            (JsonPaths.Text(item, requirement.Path) == requirement.Value) != requirement.Negated);
    }

    private static Func<JsonObject?, bool> ParseLabelRequirement(string term)
    {
        if (SetRequirement().Match(term) is { Success: true } set)
        {
            var key = set.Groups["key"].Value;
            var values = set.Groups["values"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            var isIn = set.Groups["op"].Value == "in";
            return labels => (labels?[key] is JsonValue value && values.Contains(value.ToString())) == isIn;
        }

        if (term.StartsWith('!'))
        {
            var key = term[1..].Trim();
            return labels => labels?[key] is null;
        }

        var negated = term.Contains("!=", StringComparison.Ordinal);
        var parts = term.Split(negated ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
        if (parts.Length == 1)
        {
            var key = parts[0].Trim();
            return labels => labels?[key] is not null;
        }

        var (name, expected) = (parts[0].Trim(), parts[1].Trim());
        return labels => (labels?[name] is JsonValue value && value.ToString() == expected) != negated;
    }

    // Commas separate terms, except inside "in (a,b)".
    private static IEnumerable<string> Split(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            yield break;
        }

        var depth = 0;
        var start = 0;
        for (var index = 0; index < selector.Length; index++)
        {
            depth += selector[index] switch { '(' => 1, ')' => -1, _ => 0 };
            if (selector[index] == ',' && depth == 0)
            {
                yield return selector[start..index].Trim();
                start = index + 1;
            }
        }

        yield return selector[start..].Trim();
    }

    [GeneratedRegex(@"^(?<key>[^\s!=]+)\s+(?<op>in|notin)\s+\((?<values>[^)]*)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex SetRequirement();
}
