using System.Buffers.Text;
using System.Text.Json;

namespace Pipeline.Registry.Http;

/// <summary>
/// Reads the <c>access</c> claim of a registry token (distribution "Token Authentication Implementation": a JWT whose
/// claim lists <c>{type, name, actions}</c>). Only read, never verified: the registry verifies; this only reports.
/// </summary>
internal static class TokenClaims
{
    /// <summary>The actions granted on <paramref name="repository"/>, or null when the token is not a JWT.</summary>
    public static IReadOnlySet<string>? GrantedActions(string token, string repository)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var granted = new HashSet<string>(StringComparer.Ordinal);
            if (payload.RootElement.TryGetProperty("access", out var access) && access.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in access.EnumerateArray())
                {
                    if (Text(entry, "type") == "repository" && Text(entry, "name") == repository
                        && entry.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array)
                    {
                        granted.UnionWith(actions.EnumerateArray().Select(action => action.GetString()).OfType<string>());
                    }
                }
            }

            return granted;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
