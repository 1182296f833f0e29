using System.Text.Json.Nodes;

namespace Pipeline.Image.Direct;

/// <summary>The base image a direct build starts from: its name for the labels, its config and its layers.</summary>
/// <param name="Name">The reference the labels and the fingerprint name (<c>pipeline/local-base:…</c> for the offline base).</param>
/// <param name="Config">The base's image config JSON (architecture, os, config, rootfs, history).</param>
/// <param name="Layers">Its layers, bottom first, as its manifest lists them.</param>
public sealed record DirectBaseImage(string Name, JsonObject Config, IReadOnlyList<BaseLayer> Layers)
{
    /// <summary>
    /// The base's directories (absolute paths), when known without downloading its layers (the offline base, scratch);
    /// null otherwise. Docker keeps a directory the base has as the base made it (see <see cref="LayerFile.OnlyIfMissing"/>).
    /// </summary>
    public IReadOnlySet<string>? Directories { get; init; }

    /// <summary><c>FROM scratch</c>: no layers, no settings, this machine's platform.</summary>
    public static DirectBaseImage Scratch(string platform)
    {
        var parts = platform.Split('/');
        return new("scratch", new JsonObject { ["architecture"] = parts.ElementAtOrDefault(1) ?? "amd64", ["os"] = parts[0], ["config"] = new JsonObject() }, [])
        {
            Directories = new HashSet<string>(StringComparer.Ordinal),
        };
    }

    /// <summary>The base's run settings (its config's <c>config</c>), which the Dockerfile's instructions change.</summary>
    public ContainerSettings Settings => ContainerSettingsJson.Read(Config["config"] as JsonObject);
}
