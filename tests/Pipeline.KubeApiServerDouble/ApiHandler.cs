// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Pipeline.KubeApiServerDouble;

/// <summary>
/// Answers the REST paths Deploy calls: GET, list (label and field selectors), PATCH (apply, merge, JSON patch) and
/// DELETE of the kinds in <see cref="ApiResource.All"/>, plus pod logs. Anything else gets a 404 or 405 Status.
/// </summary>
internal sealed class ApiHandler(ClusterState state)
{
    private const string ApplyPatch = "application/apply-patch+yaml";
    private const string MergePatch = "application/merge-patch+json";
    private const string JsonPatch = "application/json-patch+json";

    private readonly ConcurrentQueue<string> _received = new();

    /// <summary>Every request received, in order, as <c>METHOD /path</c>.</summary>
    public IReadOnlyList<string> Received => [.. _received];

    public async Task HandleAsync(HttpContext context)
    {
        _received.Enqueue($"{context.Request.Method} {context.Request.Path.Value}");
        JsonObject body;
        int code;
        try
        {
            (code, body) = await DispatchAsync(context).ConfigureAwait(false);
        }
        catch (PatchException exception)
        {
            (code, body) = (exception.StatusCode, StatusResponses.Failure(exception.StatusCode, exception.Reason, exception.Message));
        }
        catch (JsonException exception)
        {
            (code, body) = (400, StatusResponses.Failure(400, "BadRequest", $"the request body is not valid: {exception.Message}"));
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or NotSupportedException or FormatException or YamlDotNet.Core.YamlException)
        {
            // A bug of the double, reported like the real server's InternalError so the test output shows it.
            (code, body) = (500, StatusResponses.Failure(500, "InternalError", $"the Kubernetes API server test double failed: {exception}"));
        }

        if (code == 0)
        {
            return; // already written (logs)
        }

        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<(int Code, JsonObject Body)> DispatchAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["version"])
        {
            return (200, new JsonObject { ["major"] = "1", ["minor"] = "32", ["gitVersion"] = "v1.32.0-pipeline-double" });
        }

        var (apiVersion, rest) = segments switch
        {
            ["api", "v1", .. var tail] => ("v1", tail),
            ["apis", "apps", "v1", .. var tail] => ("apps/v1", tail),
            ["apis", "networking.k8s.io", "v1", .. var tail] => ("networking.k8s.io/v1", tail),
            ["apis", "autoscaling", "v2", .. var tail] => ("autoscaling/v2", tail),
            ["apis", "policy", "v1", .. var tail] => ("policy/v1", tail),
            _ => (null, []),
        };
        if (apiVersion is null)
        {
            return NotServed(context);
        }

        var method = context.Request.Method;
        switch (rest)
        {
            case [var plural] when method == "GET":
                return List(context, Resource(apiVersion, plural), ns: null);
            case [var plural, var name]:
                return await ItemAsync(context, Resource(apiVersion, plural), string.Empty, name).ConfigureAwait(false);
            case ["namespaces", var ns, var plural] when method == "GET":
                return List(context, Resource(apiVersion, plural), ns);
            case ["namespaces", var ns, "pods", var pod, "log"] when apiVersion == "v1" && method == "GET":
                return await LogAsync(context, ns, pod).ConfigureAwait(false);
            case ["namespaces", var ns, var plural, var name]:
                return await ItemAsync(context, Resource(apiVersion, plural), ns, name).ConfigureAwait(false);
            default:
                return NotServed(context);
        }
    }

    private (int, JsonObject) List(HttpContext context, ApiResource resource, string? ns)
    {
        if (context.Request.Query["watch"] is { Count: > 0 } watch && watch[0] is "true" or "1")
        {
            throw new PatchException(400, "BadRequest", "watch is not supported by the Kubernetes API server test double: poll instead");
        }

        var labels = Selectors.Labels(context.Request.Query["labelSelector"]);
        var fields = Selectors.Fields(context.Request.Query["fieldSelector"]);
        return state.Use(store =>
        {
            var items = new JsonArray(store.List(resource.Kind, resource.Namespaced ? ns : null)
                .Where(item => labels(item) && fields(item))
                .Select(JsonNode (item) => item)
                .ToArray());
            return (200, new JsonObject
            {
                ["kind"] = resource.ListKind,
                ["apiVersion"] = resource.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = store.ResourceVersion },
                ["items"] = items,
            });
        });
    }

    private async Task<(int, JsonObject)> ItemAsync(HttpContext context, ApiResource resource, string ns, string name)
    {
        if (resource.Namespaced == (ns.Length == 0))
        {
            return NotServed(context);
        }

        var key = new ObjectKey(resource.Kind, ns, name);
        switch (context.Request.Method)
        {
            case "GET":
                return state.Use(store => store.Get(key) is { } found ? (200, found) : (404, StatusResponses.NotFound(resource, name)));
            case "DELETE":
                // Like the real server (and the client's typed results): a deleted Service or Pod comes back as the object, the rest as a Status.
                return state.Use(store => store.Get(key) is { } deleted && store.Delete(key)
                    ? (200, resource.Kind is "Service" or "Pod" ? deleted : StatusResponses.Success(resource, name))
                    : (404, StatusResponses.NotFound(resource, name)));
            case "PATCH":
                using (var reader = new StreamReader(context.Request.Body))
                {
                    var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
                    return Patch(context, resource, key, text);
                }

            default:
                return (405, StatusResponses.Failure(405, "MethodNotAllowed", $"{context.Request.Method} is not supported by the Kubernetes API server test double"));
        }
    }

    private (int, JsonObject) Patch(HttpContext context, ApiResource resource, ObjectKey key, string text)
    {
        var contentType = (context.Request.ContentType ?? string.Empty).Split(';')[0].Trim();
        var fieldManager = context.Request.Query["fieldManager"].ToString();
        JsonObject? applied = null;
        switch (contentType)
        {
            case ApplyPatch when string.IsNullOrEmpty(fieldManager):
                throw new PatchException(400, "BadRequest", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
            case ApplyPatch:
                applied = ParseApplied(resource, text);
                ValidateApplied(resource, key, applied);
                break;
            case MergePatch or JsonPatch:
                break;
            default:
                throw new PatchException(415, "UnsupportedMediaType", $"the content type '{contentType}' is not supported by the double (apply, merge and JSON patch are)");
        }

        return state.Use(store =>
        {
            if (key.Namespace.Length > 0 && store.Get(new ObjectKey("Namespace", string.Empty, key.Namespace)) is null)
            {
                return (404, StatusResponses.NamespaceNotFound(key.Namespace));
            }

            var current = store.Get(key);
            JsonObject candidate;
            if (applied is not null)
            {
                candidate = Patches.Apply(current, applied);
            }
            else if (current is null)
            {
                return (404, StatusResponses.NotFound(resource, key.Name));
            }
            else
            {
                candidate = contentType == MergePatch
                    ? (JsonObject)Patches.Merge(current, JsonNode.Parse(text))!
                    : Patches.JsonPatch(current, JsonNode.Parse(text) as JsonArray ?? throw new PatchException(400, "BadRequest", "a JSON patch must be an array"));
                candidate["status"] = current["status"]?.DeepClone();
                JsonPaths.Metadata(candidate)["name"] = key.Name;
            }

            Defaults.Apply(resource, candidate);
            var (stored, outcome) = store.Write(candidate);
            return (outcome == WriteOutcome.Created ? 201 : 200, stored);
        });
    }

    private static JsonObject ParseApplied(ApiResource resource, string text)
    {
        // The C# client sends JSON (valid YAML); kubectl sends YAML.
        var trimmed = text.TrimStart();
        return trimmed.StartsWith('{') ? resource.Normalize(JsonNode.Parse(trimmed)!) : resource.FromYaml(text);
    }

    private static void ValidateApplied(ApiResource resource, ObjectKey key, JsonObject applied)
    {
        var metadata = JsonPaths.Metadata(applied);
        var name = JsonPaths.Text(metadata, "name");
        if (name != key.Name)
        {
            throw new PatchException(400, "BadRequest", $"the name of the object ({name}) does not match the name on the URL ({key.Name})");
        }

        var ns = JsonPaths.Text(metadata, "namespace");
        if (resource.Namespaced && ns is not null && ns != key.Namespace)
        {
            throw new PatchException(400, "BadRequest", $"the namespace of the object ({ns}) does not match the namespace on the URL ({key.Namespace})");
        }

        if (resource.Namespaced)
        {
            metadata["namespace"] = key.Namespace;
        }
    }

    private async Task<(int, JsonObject)> LogAsync(HttpContext context, string ns, string pod)
    {
        var container = context.Request.Query["container"].ToString();
        var exists = state.Use(store => store.Get(new ObjectKey("Pod", ns, pod)));
        if (exists is null)
        {
            return (404, StatusResponses.NotFound(ApiResource.ByKind("Pod"), pod));
        }

        if (string.IsNullOrEmpty(container))
        {
            container = JsonPaths.Text((exists["spec"]?["containers"] as JsonArray)?.FirstOrDefault(), "name") ?? string.Empty;
        }

        var lines = state.Logs(ns, pod, container);
        if (lines is null)
        {
            return (400, StatusResponses.Failure(400, "BadRequest", $"container \"{container}\" in pod \"{pod}\" is waiting to start: no logs yet"));
        }

        if (int.TryParse(context.Request.Query["tailLines"], NumberStyles.None, CultureInfo.InvariantCulture, out var tail))
        {
            lines = lines.TakeLast(tail).ToList();
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(string.Concat(lines.Select(line => line + "\n")), context.RequestAborted).ConfigureAwait(false);
        return (0, []);
    }

    private static ApiResource Resource(string apiVersion, string plural) =>
        ApiResource.ByPlural(apiVersion, plural)
        ?? throw new PatchException(404, "NotFound", $"the server could not find the requested resource ({apiVersion} {plural}): the Kubernetes API server test double does not serve it");

    private static (int, JsonObject) NotServed(HttpContext context) =>
        (404, StatusResponses.Failure(404, "NotFound", $"the server could not find the requested resource ({context.Request.Method} {context.Request.Path}): the Kubernetes API server test double does not serve it"));
}
