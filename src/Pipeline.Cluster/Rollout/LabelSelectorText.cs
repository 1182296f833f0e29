using k8s.Models;

namespace Pipeline.Cluster;

/// <summary>Formats a label selector the way list calls take it (<c>app=orders,tier in (web)</c>).</summary>
internal static class LabelSelectorText
{
    public static string Format(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        parts.AddRange((selector.MatchLabels ?? new Dictionary<string, string>())
            .OrderBy(label => label.Key, StringComparer.Ordinal)
            .Select(label => $"{label.Key}={label.Value}"));
        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            var values = string.Join(',', requirement.Values ?? []);
            parts.Add(requirement.OperatorProperty switch
            {
                "In" => $"{requirement.Key} in ({values})",
                "NotIn" => $"{requirement.Key} notin ({values})",
                "Exists" => requirement.Key,
                "DoesNotExist" => $"!{requirement.Key}",
                _ => throw new ClusterException(
                    ClusterFailureKind.UnsupportedObject,
                    $"The label selector operator '{requirement.OperatorProperty}' is unknown: use In, NotIn, Exists or DoesNotExist."),
            });
        }

        return string.Join(',', parts);
    }
}
