using System.Text.Json.Nodes;

namespace Pipeline.Image.Direct;

/// <summary>
/// <see cref="ContainerSettings"/> to and from the <c>config</c> object of an image config, in the engine's field
/// names and forms (durations in nanoseconds, ports as keys of empty objects), so a base's settings read back as
/// they were written.
/// </summary>
internal static class ContainerSettingsJson
{
    public static ContainerSettings Read(JsonObject? config)
    {
        if (config is null)
        {
            return new ContainerSettings();
        }

        return new ContainerSettings
        {
            Env = Strings(config["Env"]) ?? [],
            Entrypoint = Strings(config["Entrypoint"]),
            Cmd = Strings(config["Cmd"]),
            User = Text(config["User"]),
            WorkingDir = Text(config["WorkingDir"]),
            ExposedPorts = config["ExposedPorts"] is JsonObject ports ? [.. ports.Select(pair => pair.Key)] : [],
            Labels = config["Labels"] is JsonObject labels
                ? labels.ToDictionary(pair => pair.Key, pair => pair.Value?.GetValue<string>() ?? string.Empty, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal),
            StopSignal = Text(config["StopSignal"]),
            Healthcheck = config["Healthcheck"] is JsonObject check ? ReadHealthcheck(check) : null,
        };
    }

    /// <summary>The <c>config</c> object: empty and unset fields left out, ports and labels sorted so the bytes are stable.</summary>
    public static JsonObject Write(ContainerSettings settings)
    {
        var run = new JsonObject();
        AddArray(run, "Env", settings.Env);
        AddArray(run, "Entrypoint", settings.Entrypoint);
        AddArray(run, "Cmd", settings.Cmd);
        AddText(run, "User", settings.User);
        AddText(run, "WorkingDir", settings.WorkingDir);
        var ports = new SortedSet<string>(settings.ExposedPorts.Select(port => port.Contains('/', StringComparison.Ordinal) ? port : port + "/tcp"), StringComparer.Ordinal);
        if (ports.Count > 0)
        {
            run["ExposedPorts"] = new JsonObject(ports.Select(port => KeyValuePair.Create(port, (JsonNode?)new JsonObject())));
        }

        if (settings.Labels.Count > 0)
        {
            run["Labels"] = new JsonObject(settings.Labels.OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));
        }

        AddText(run, "StopSignal", settings.StopSignal);
        if (settings.Healthcheck is { } check)
        {
            run["Healthcheck"] = WriteHealthcheck(check);
        }

        return run;
    }

    private static ContainerHealthcheck ReadHealthcheck(JsonObject check) => new(
        Strings(check["Test"]) ?? [],
        Duration(check["Interval"]),
        Duration(check["Timeout"]),
        Duration(check["StartPeriod"]),
        check["Retries"]?.GetValue<int>() is int retries and not 0 ? retries : null);

    private static JsonObject WriteHealthcheck(ContainerHealthcheck check)
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

    // The image config stores durations in nanoseconds; 0 means "the engine's default".
    private static TimeSpan? Duration(JsonNode? node) => node?.GetValue<long>() is long nanoseconds and not 0 ? TimeSpan.FromTicks(nanoseconds / 100) : null;

    private static void AddNanoseconds(JsonObject node, string name, TimeSpan? value)
    {
        if (value is { } duration)
        {
            node[name] = duration.Ticks * 100;
        }
    }

    private static void AddArray(JsonObject node, string name, IReadOnlyList<string>? values)
    {
        if (values is { Count: > 0 })
        {
            node[name] = Array(values);
        }
    }

    private static void AddText(JsonObject node, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            node[name] = value;
        }
    }

    private static string? Text(JsonNode? node) => node?.GetValue<string>() is { Length: > 0 } text ? text : null;

    private static List<string>? Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(item => item?.GetValue<string>() ?? string.Empty)] : null;

    public static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(value => (JsonNode?)value)]);
}
