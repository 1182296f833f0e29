using System.Globalization;
using System.Text.Json;

namespace Pipeline.Registry.Http;

/// <summary>Reads the few fields of manifests, indexes and image configs the client needs (OCI image spec).</summary>
internal static class ImageManifestJson
{
    public static Digest ConfigDigest(ReadOnlyMemory<byte> manifest, RegistryHost registry, ImageReference image)
    {
        using var document = Parse(manifest, registry, image);
        if (document.RootElement.TryGetProperty("config", out var config)
            && config.TryGetProperty("digest", out var digest)
            && Digest.TryParse(digest.GetString(), out var parsed))
        {
            return parsed;
        }

        throw Invalid(registry, image, "has no config digest (a schema 1 manifest?)");
    }

    /// <summary>The linux/amd64 manifest of an index, or its first entry.</summary>
    public static Digest PickPlatform(ReadOnlyMemory<byte> index, RegistryHost registry, ImageReference image) =>
        FindPlatform(index, registry, image, "linux", "amd64", variant: null) ?? EntryDigest(Entries(index, registry, image)[0], registry, image);

    /// <summary>
    /// The manifest of an index for <c>os/architecture[/variant]</c> (an entry without a variant matches any asked
    /// variant, as Docker matches them), or null when the index lists none.
    /// </summary>
    public static Digest? FindPlatform(ReadOnlyMemory<byte> index, RegistryHost registry, ImageReference image, string os, string architecture, string? variant)
    {
        var chosen = Entries(index, registry, image).FirstOrDefault(entry =>
            entry.TryGetProperty("platform", out var platform)
            && platform.TryGetProperty("os", out var entryOs) && entryOs.GetString() == os
            && platform.TryGetProperty("architecture", out var entryArchitecture) && entryArchitecture.GetString() == architecture
            && (variant is null || !platform.TryGetProperty("variant", out var entryVariant) || entryVariant.GetString() == variant));
        return chosen.ValueKind == JsonValueKind.Undefined ? null : EntryDigest(chosen, registry, image);
    }

    private static List<JsonElement> Entries(ReadOnlyMemory<byte> index, RegistryHost registry, ImageReference image)
    {
        // Cloned out of the document, so the entries outlive it.
        using var document = Parse(index, registry, image);
        if (!document.RootElement.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array || manifests.GetArrayLength() == 0)
        {
            throw Invalid(registry, image, "is an index without manifests");
        }

        return [.. manifests.EnumerateArray().Select(entry => entry.Clone())];
    }

    private static Digest EntryDigest(JsonElement entry, RegistryHost registry, ImageReference image) =>
        entry.TryGetProperty("digest", out var digest) && Digest.TryParse(digest.GetString(), out var parsed)
            ? parsed
            : throw Invalid(registry, image, "has an index entry without a digest");

    public static ImageConfiguration ReadConfiguration(Digest configDigest, ReadOnlyMemory<byte> config)
    {
        using var document = JsonDocument.Parse(config);
        var root = document.RootElement;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("config", out var runtime)
            && runtime.ValueKind == JsonValueKind.Object
            && runtime.TryGetProperty("Labels", out var labelObject)
            && labelObject.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in labelObject.EnumerateObject())
            {
                labels[label.Name] = label.Value.GetString() ?? string.Empty;
            }
        }

        DateTimeOffset? created = root.TryGetProperty("created", out var createdElement)
            && DateTimeOffset.TryParse(createdElement.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed
            : null;
        return new ImageConfiguration(configDigest, labels, StringOrNull(root, "os"), StringOrNull(root, "architecture"), created);
    }

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonDocument Parse(ReadOnlyMemory<byte> json, RegistryHost registry, ImageReference image)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new RegistryException(RegistryFailureKind.InvalidContent, registry, $"the manifest of {image} is not JSON ({exception.Message}): check the registry", exception);
        }
    }

    private static RegistryException Invalid(RegistryHost registry, ImageReference image, string problem) =>
        new(RegistryFailureKind.InvalidContent, registry, $"the manifest of {image} {problem}: push it again with a current Docker");
}
