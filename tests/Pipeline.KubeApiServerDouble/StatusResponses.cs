// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
using System.Text.Json.Nodes;

namespace Pipeline.KubeApiServerDouble;

/// <summary>The <c>Status</c> objects the real API server answers errors with (the client parses them).</summary>
internal static class StatusResponses
{
    public static JsonObject Failure(int code, string reason, string message, string? name = null, ApiResource? resource = null) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["details"] = new JsonObject
        {
            ["name"] = name,
            ["group"] = resource is null ? null : Group(resource),
            ["kind"] = resource?.Plural,
        },
        ["code"] = code,
    };

    public static JsonObject NotFound(ApiResource resource, string name) =>
        Failure(404, "NotFound", $"{QualifiedPlural(resource)} \"{name}\" not found", name, resource);

    public static JsonObject NamespaceNotFound(string ns) =>
        Failure(404, "NotFound", $"namespaces \"{ns}\" not found", ns, ApiResource.ByKind("Namespace"));

    public static JsonObject Success(ApiResource resource, string name) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject { ["name"] = name, ["group"] = Group(resource), ["kind"] = resource.Plural },
    };

    // "deployments.apps", or "secrets" for the core group: the real server's wording.
    private static string QualifiedPlural(ApiResource resource) =>
        Group(resource) is { Length: > 0 } group ? $"{resource.Plural}.{group}" : resource.Plural;

    private static string Group(ApiResource resource) =>
        resource.ApiVersion.Contains('/', StringComparison.Ordinal) ? resource.ApiVersion.Split('/')[0] : string.Empty;
}
