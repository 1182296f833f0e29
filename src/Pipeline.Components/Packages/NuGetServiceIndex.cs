using System.Text.Json;

namespace Pipeline.Components.Packages;

/// <summary>
/// The resources of a feed's V3 service index this client uses: where packages and symbol packages are pushed
/// (<see href="https://learn.microsoft.com/nuget/api/service-index">service index</see>).
/// </summary>
internal sealed record NuGetServiceIndex(Uri PackagePublish, Uri? SymbolPackagePublish)
{
    public const string PackagePublishType = "PackagePublish/2.0.0";
    public const string SymbolPackagePublishType = "SymbolPackagePublish/4.9.0";

    /// <summary>Reads the push resources from a service index document.</summary>
    /// <exception cref="NuGetFeedException">Not a service index, or no package publish resource.</exception>
    public static NuGetServiceIndex Parse(NuGetSource source, string json)
    {
        Dictionary<string, Uri> resources;
        try
        {
            using var document = JsonDocument.Parse(json);
            resources = ReadResources(document.RootElement);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException or UriFormatException)
        {
            throw new NuGetFeedException(NuGetFeedFailureKind.Unreachable,
                $"{source} did not answer with a NuGet V3 service index ({exception.Message}): pass the feed's index.json URL as --nuget-source.", exception);
        }

        if (!resources.TryGetValue(PackagePublishType, out var publish))
        {
            throw new NuGetFeedException(NuGetFeedFailureKind.NoPublishResource,
                $"{source} offers no {PackagePublishType} resource: the feed does not accept pushes; pass the URL of a feed you can push to.");
        }

        var symbols = resources.GetValueOrDefault(SymbolPackagePublishType);
        foreach (var target in symbols is null ? [publish] : new[] { publish, symbols })
        {
            RequireSafeForTheKey(source, target);
        }

        return new NuGetServiceIndex(publish, symbols);
    }

    // The API key goes where the index says to push: the feed's own origin, or anywhere over HTTPS (nuget.org pushes
    // to another host), never in clear to a host the user did not name.
    private static void RequireSafeForTheKey(NuGetSource source, Uri target)
    {
        var sameOrigin = string.Equals(target.Scheme, source.ServiceIndex.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(target.IdnHost, source.ServiceIndex.IdnHost, StringComparison.OrdinalIgnoreCase)
            && target.Port == source.ServiceIndex.Port;
        if (!sameOrigin && target.Scheme != Uri.UriSchemeHttps)
        {
            throw new NuGetFeedException(NuGetFeedFailureKind.InsecurePublishUrl,
                $"{source} says to push to {target.GetLeftPart(UriPartial.Path)}, plain HTTP on another origin, where the API key would "
                + "travel in clear: serve the publish resource over HTTPS or from the feed's own origin.");
        }
    }

    private static Dictionary<string, Uri> ReadResources(JsonElement root)
    {
        var resources = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        foreach (var resource in root.GetProperty("resources").EnumerateArray())
        {
            var id = new Uri(resource.GetProperty("@id").GetString() ?? "", UriKind.Absolute);
            var types = resource.GetProperty("@type") is { ValueKind: JsonValueKind.Array } array
                ? array.EnumerateArray().Select(type => type.GetString())
                : [resource.GetProperty("@type").GetString()];
            foreach (var type in types.OfType<string>())
            {
                resources.TryAdd(type, id);
            }
        }

        return resources;
    }
}
