using System.Text.Json.Nodes;

namespace Pipeline.Image.Direct;

/// <summary>The base image a direct build starts from: its name for the labels, its config and its layers.</summary>
/// <param name="Name">The reference the labels and the fingerprint name (<c>pipeline/local-base:…</c> for the offline base).</param>
/// <param name="Config">The base's image config JSON (architecture, os, config, rootfs, history).</param>
/// <param name="Layers">Its layers, bottom first, as its manifest lists them.</param>
public sealed record DirectBaseImage(string Name, JsonObject Config, IReadOnlyList<BaseLayer> Layers);
