using System.Text.Json;
using Pipeline.Engine.Runtime;

namespace Pipeline.Engine.Parameters;

/// <summary>
/// Reads the optional, committed <c>.pipeline/parameters.json</c>: an object whose keys are parameter names
/// (kebab-case or PascalCase) and whose values are strings, numbers, booleans or arrays of them.
/// </summary>
internal static class ParametersFile
{
    public const string RelativePath = ".pipeline/parameters.json";

    /// <exception cref="BuildConfigurationException">The file is not such a JSON object.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Read(AbsolutePath rootDirectory)
    {
        var path = rootDirectory / RelativePath;
        if (!File.Exists(path))
        {
            return new Dictionary<string, IReadOnlyList<string>>();
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BuildConfigurationException($"{RelativePath} must hold a JSON object of parameter names to values.");
            }

            var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject().Where(property => property.Value.ValueKind != JsonValueKind.Null))
            {
                values[property.Name] = property.Value.ValueKind == JsonValueKind.Array
                    ? [.. property.Value.EnumerateArray().Select(item => Text(item, property.Name))]
                    : [Text(property.Value, property.Name)];
            }

            return values;
        }
        catch (JsonException exception)
        {
            throw new BuildConfigurationException($"{RelativePath} is not valid JSON: {exception.Message}");
        }
    }

    private static string Text(JsonElement element, string key) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => throw new BuildConfigurationException($"{RelativePath}: '{key}' must be a string, number, boolean or an array of them."),
    };
}
