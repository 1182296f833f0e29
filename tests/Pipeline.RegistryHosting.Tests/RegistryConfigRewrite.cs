using Pipeline.Testing.Registries;
using YamlDotNet.RepresentationModel;

namespace Pipeline.RegistryHosting.Tests;

/// <summary>
/// Changes only what must differ between the container and this machine in a rendered registry <c>config.yml</c>:
/// the listen address, the storage root and (with auth) the htpasswd path. Every other key stays as rendered, and
/// a key that is missing fails the test, so the rendered file is what actually runs.
/// </summary>
internal static class RegistryConfigRewrite
{
    private const string HtpasswdFileName = "htpasswd";

    /// <summary>
    /// The rendered config as <see cref="RegistryServer.StartFromConfigAsync"/> runs it: rewritten for the server's
    /// address and storage, with the htpasswd Secret's content as a 0600 file and the Secret-fed environment.
    /// </summary>
    public static RegistryServerConfigFile ConfigFile(string renderedYaml, byte[]? htpasswdContent, IReadOnlyDictionary<string, string?>? environment = null) =>
        new(placement => ForThisMachine(
            renderedYaml, placement.ListenAddress, placement.DataDirectory, htpasswdContent is null ? null : placement.PathOf(HtpasswdFileName)))
        {
            ExtraFiles = htpasswdContent is null
                ? new Dictionary<string, byte[]>(StringComparer.Ordinal)
                : new Dictionary<string, byte[]>(StringComparer.Ordinal) { [HtpasswdFileName] = htpasswdContent },
            Environment = environment ?? new Dictionary<string, string?>(StringComparer.Ordinal),
        };

    public static string ForThisMachine(string renderedYaml, string listenAddress, string storageDirectory, string? htpasswdPath)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(renderedYaml));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        Replace(root, ["http", "addr"], listenAddress);
        Replace(root, ["storage", "filesystem", "rootdirectory"], storageDirectory);
        if (htpasswdPath is not null)
        {
            Replace(root, ["auth", "htpasswd", "path"], htpasswdPath);
        }

        var text = new StringWriter();
        stream.Save(text, assignAnchors: false);
        return text.ToString();
    }

    /// <summary>The scalar at <paramref name="path"/> in <paramref name="yaml"/>, or null when absent.</summary>
    public static string? Read(string yaml, params string[] path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        YamlNode node = stream.Documents.Single().RootNode;
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            node = child;
        }

        return (node as YamlScalarNode)?.Value;
    }

    private static void Replace(YamlMappingNode root, string[] path, string value)
    {
        var parent = root;
        foreach (var key in path[..^1])
        {
            parent = (YamlMappingNode)parent.Children[new YamlScalarNode(key)];
        }

        var leaf = new YamlScalarNode(path[^1]);
        parent.Children.ContainsKey(leaf).Should().BeTrue($"the rendered config must set {string.Join('.', path)}");
        parent.Children[leaf] = new YamlScalarNode(value);
    }
}
