using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Registry;

namespace Pipeline.Image.Direct;

/// <summary>
/// Writes the image config: the base's, with the Dockerfile's settings applied as Docker's builder applies them,
/// the build's labels, the base's diff-ids followed by ours, one history entry per layer, and the fixed creation
/// time, so the same inputs give the same bytes.
/// </summary>
public static class ImageConfigWriter
{
    /// <summary>The config JSON bytes.</summary>
    public static byte[] Write(
        JsonObject baseConfig,
        ContainerSettings settings,
        IReadOnlyDictionary<string, string> labels,
        IReadOnlyList<Digest> diffIds,
        IReadOnlyList<string> layerHistory,
        DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(baseConfig);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(labels);
        var baseRun = baseConfig["config"] as JsonObject ?? [];
        var createdText = created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var run = new JsonObject();
        var env = Merge(Strings(baseRun["Env"]), settings.Env);
        if (env.Count > 0)
        {
            run["Env"] = Array(env);
        }

        // Docker drops the base's CMD when the Dockerfile sets ENTRYPOINT without a CMD of its own.
        var entrypoint = settings.Entrypoint ?? Strings(baseRun["Entrypoint"]);
        var cmd = settings.Cmd ?? (settings.Entrypoint is null ? Strings(baseRun["Cmd"]) : null);
        if (entrypoint is { Count: > 0 })
        {
            run["Entrypoint"] = Array(entrypoint);
        }

        if (cmd is { Count: > 0 })
        {
            run["Cmd"] = Array(cmd);
        }

        SetString(run, "User", settings.User ?? baseRun["User"]?.GetValue<string>());
        SetString(run, "WorkingDir", settings.WorkingDir ?? baseRun["WorkingDir"]?.GetValue<string>());
        var ports = new SortedSet<string>(StringComparer.Ordinal);
        if (baseRun["ExposedPorts"] is JsonObject basePorts)
        {
            ports.UnionWith(basePorts.Select(pair => pair.Key));
        }

        ports.UnionWith(settings.ExposedPorts.Select(port => port.Contains('/', StringComparison.Ordinal) ? port : port + "/tcp"));
        if (ports.Count > 0)
        {
            run["ExposedPorts"] = new JsonObject(ports.Select(port => KeyValuePair.Create(port, (JsonNode?)new JsonObject())));
        }

        var allLabels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (baseRun["Labels"] is JsonObject baseLabels)
        {
            foreach (var (key, value) in baseLabels)
            {
                allLabels[key] = value?.GetValue<string>() ?? string.Empty;
            }
        }

        foreach (var (key, value) in settings.Labels.Concat(labels))
        {
            allLabels[key] = value;
        }

        if (allLabels.Count > 0)
        {
            run["Labels"] = new JsonObject(allLabels.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));
        }

        SetString(run, "StopSignal", settings.StopSignal ?? baseRun["StopSignal"]?.GetValue<string>());
        if (settings.Healthcheck is { } check)
        {
            run["Healthcheck"] = Healthcheck(check);
        }
        else if (baseRun["Healthcheck"] is { } baseCheck)
        {
            run["Healthcheck"] = baseCheck.DeepClone();
        }

        var history = baseConfig["history"] is JsonArray baseHistory ? (JsonArray)baseHistory.DeepClone() : [];
        foreach (var entry in layerHistory)
        {
            history.Add(new JsonObject { ["created"] = createdText, ["created_by"] = entry });
        }

        var config = new JsonObject
        {
            ["architecture"] = baseConfig["architecture"]?.DeepClone() ?? "amd64",
            ["config"] = run,
            ["created"] = createdText,
            ["history"] = history,
            ["os"] = baseConfig["os"]?.DeepClone() ?? "linux",
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = Array(diffIds.Select(id => id.ToString()).ToList()) },
        };
        if (baseConfig["variant"] is { } variant)
        {
            config["variant"] = variant.DeepClone();
        }

        return JsonSerializer.SerializeToUtf8Bytes(config);
    }

    // ENV KEY=VALUE replaces an earlier KEY in place and appends a new one, as Docker does.
    private static List<string> Merge(IReadOnlyList<string>? baseEnv, IReadOnlyList<string> added)
    {
        var merged = new List<string>(baseEnv ?? []);
        foreach (var variable in added)
        {
            var key = variable.Split('=', 2)[0];
            var index = merged.FindIndex(existing => existing.Split('=', 2)[0] == key);
            if (index >= 0)
            {
                merged[index] = variable;
            }
            else
            {
                merged.Add(variable);
            }
        }

        return merged;
    }

    private static JsonObject Healthcheck(ContainerHealthcheck check)
    {
        var node = new JsonObject { ["Test"] = Array(check.Test) };
        AddNanoseconds(node, "Interval", check.Interval);
        AddNanoseconds(node, "Timeout", check.Timeout);
        AddNanoseconds(node, "StartPeriod", check.StartPeriod);
        if (check.Retries is { } retries)
        {
            node["Retries"] = retries;
        }

        return node;
    }

    private static void AddNanoseconds(JsonObject node, string name, TimeSpan? value)
    {
        if (value is { } duration)
        {
            node[name] = duration.Ticks * 100;
        }
    }

    private static void SetString(JsonObject node, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            node[name] = value;
        }
    }

    private static List<string>? Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(item => item?.GetValue<string>() ?? string.Empty)] : null;

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(value => (JsonNode?)value)]);
}
