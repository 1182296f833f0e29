// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
using System.Text;
using System.Text.Json.Nodes;

namespace Pipeline.KubeApiServerDouble;

/// <summary>The few defaults the real API server fills in that the deployment code reads back.</summary>
internal static class Defaults
{
    public static void Apply(ApiResource resource, JsonObject item)
    {
        switch (resource.Kind)
        {
            case "Deployment":
                var spec = JsonPaths.Object(item, "spec");
                spec["replicas"] ??= 1;
                spec["progressDeadlineSeconds"] ??= 600;
                spec["revisionHistoryLimit"] ??= 10;
                break;
            case "Secret":
                item["type"] ??= "Opaque";
                if (item["stringData"] is JsonObject stringData)
                {
                    // The server stores stringData as base64 data and never returns stringData.
                    var data = JsonPaths.Object(item, "data");
                    foreach (var (key, value) in stringData)
                    {
                        data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.ToString() ?? string.Empty));
                    }

                    item.Remove("stringData");
                }

                break;
            case "Namespace":
                JsonPaths.Object(item, "status")["phase"] ??= "Active";
                break;
        }
    }
}
