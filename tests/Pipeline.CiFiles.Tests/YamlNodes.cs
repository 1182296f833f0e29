using YamlDotNet.RepresentationModel;

namespace Pipeline.CiFiles.Tests;

/// <summary>Reads a parsed workflow by key, failing with the key's name when it is absent.</summary>
internal static class YamlNodes
{
    public static YamlMappingNode Map(this YamlMappingNode node, string key) => (YamlMappingNode)Child(node, key);

    public static string Scalar(this YamlMappingNode node, string key) => ((YamlScalarNode)Child(node, key)).Value!;

    public static string? ScalarOrNull(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    public static IReadOnlyList<string> Sequence(this YamlMappingNode node, string key) =>
        [.. ((YamlSequenceNode)Child(node, key)).Children.Select(item => ((YamlScalarNode)item).Value!)];

    public static IReadOnlyList<YamlMappingNode> Steps(this YamlMappingNode job) =>
        [.. ((YamlSequenceNode)Child(job, "steps")).Children.Cast<YamlMappingNode>()];

    private static YamlNode Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? value
            : throw new KeyNotFoundException($"no '{key}' in {string.Join(", ", node.Children.Keys)}");
}
