namespace Pipeline.GitHub;

/// <summary>The media type a release asset is uploaded with (GitHub serves it back with that type).</summary>
internal static class AssetContentType
{
    internal static string For(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".YAML" or ".YML" => "application/yaml",
        ".JSON" => "application/json",
        ".TXT" or ".MD" => "text/plain",
        _ => "application/octet-stream",
    };
}
