using k8s;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pipeline.Manifests;

/// <summary>
/// Reads a team's own multi-document YAML into typed objects. Strict: a field the models do not know fails
/// loudly instead of being dropped, because silently losing part of someone's Deployment is worse than stopping.
/// </summary>
internal static class UserManifest
{
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Parse(string content, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(content));
        }
        catch (YamlException e)
        {
            throw new ManifestException(
                ManifestFailureKind.ManifestUnreadable,
                $"'{source}' is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}. Fix the YAML; "
                + "'kubectl apply --dry-run=client -f' shows the same error",
                e);
        }

        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        var number = 0;
        foreach (var document in stream.Documents)
        {
            number++;
            if (document.RootNode is YamlScalarNode { Value: null or "" })
            {
                continue; // an empty document between two '---'
            }

            objects.Add(ParseDocument(document, $"document {number} of '{source}'"));
        }

        return objects;
    }

    private static IKubernetesObject<V1ObjectMeta> ParseDocument(YamlDocument document, string where)
    {
        if (document.RootNode is not YamlMappingNode root)
        {
            throw new ManifestException(
                ManifestFailureKind.ManifestUnreadable,
                $"{where} is not a Kubernetes object (a mapping with apiVersion, kind and metadata): remove it or fix its indentation");
        }

        var apiVersion = Scalar(root, "apiVersion");
        var kind = Scalar(root, "kind");
        if (apiVersion is null || kind is null)
        {
            throw new ManifestException(
                ManifestFailureKind.ManifestUnreadable,
                $"{where} has no apiVersion or kind: every document needs both, e.g. 'apiVersion: apps/v1' and 'kind: Deployment'");
        }

        // Deploy applies only these kinds: refusing the rest here keeps a render from promising what Deploy will not do.
        if (SupportedKinds.For(apiVersion, kind) is null)
        {
            throw new ManifestException(
                ManifestFailureKind.UnknownKind,
                $"{where} is a '{kind}' ({apiVersion}), which Deploy does not apply: the supported kinds are {SupportedKinds.Description}. "
                + "Create it in the cluster yourself (from a file of its own), or take it out of this file");
        }

        var text = new StringWriter();
        new YamlStream(document).Save(text, assignAnchors: false);
        try
        {
            return (IKubernetesObject<V1ObjectMeta>)KubernetesYaml.LoadAllFromString(text.ToString(), strict: true).Single();
        }
        catch (YamlException e)
        {
            throw new ManifestException(
                ManifestFailureKind.ManifestUnreadable,
                $"{where} ('{kind}' {Name(root)}) does not match the Kubernetes schema: {(e.InnerException ?? e).Message}. "
                + "Correct or remove that field (the file is read strictly so nothing in it is silently dropped)",
                e);
        }
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text }
            ? text
            : null;

    private static string Name(YamlMappingNode root) =>
        root.Children.TryGetValue(new YamlScalarNode("metadata"), out var metadata) && metadata is YamlMappingNode meta
            ? $"'{Scalar(meta, "name")}'"
            : "without a name";
}
