using System.Net.Http.Headers;
using System.Text;

namespace Pipeline.Registry.Http;

/// <summary>
/// One <c>WWW-Authenticate</c> challenge (RFC 7235): a scheme and its parameters, e.g.
/// <c>Bearer realm="https://auth.example.com/token",service="registry",scope="repository:app:pull,push"</c>.
/// </summary>
internal sealed class AuthChallenge
{
    private AuthChallenge(string scheme, IReadOnlyDictionary<string, string> parameters)
    {
        Scheme = scheme;
        Parameters = parameters;
    }

    public string Scheme { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public string? Realm => Parameters.GetValueOrDefault("realm");

    public string? Service => Parameters.GetValueOrDefault("service");

    /// <summary>The scopes asked for; the parameter holds several separated by spaces.</summary>
    public IReadOnlyList<string> Scopes =>
        Parameters.TryGetValue("scope", out var scope) ? scope.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];

    /// <summary>The <c>error</c> parameter, e.g. <c>insufficient_scope</c> or <c>invalid_token</c>.</summary>
    public string? Error => Parameters.GetValueOrDefault("error");

    /// <summary>This challenge asking for <paramref name="scope"/> instead of its own scope.</summary>
    public AuthChallenge WithScope(string scope) =>
        new(Scheme, new Dictionary<string, string>(Parameters, StringComparer.OrdinalIgnoreCase) { ["scope"] = scope });

    /// <summary>The first Basic or Bearer challenge of a response, or null when there is none.</summary>
    public static AuthChallenge? FromResponse(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.WwwAuthenticate
            .Select(From)
            .FirstOrDefault(challenge => challenge.IsBearer || challenge.IsBasic);
    }

    public static AuthChallenge From(AuthenticationHeaderValue header) =>
        new(header.Scheme, ParseParameters(header.Parameter ?? string.Empty));

    /// <summary>Parses <c>key=value</c> and <c>key="quoted, value"</c> pairs separated by commas.</summary>
    internal static Dictionary<string, string> ParseParameters(string text)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        while (position < text.Length)
        {
            while (position < text.Length && (text[position] == ',' || char.IsWhiteSpace(text[position])))
            {
                position++;
            }

            var equals = text.IndexOf('=', position);
            if (equals < 0)
            {
                break;
            }

            var key = text[position..equals].Trim();
            position = equals + 1;
            var value = new StringBuilder();
            if (position < text.Length && text[position] == '"')
            {
                position++;
                while (position < text.Length && text[position] != '"')
                {
                    // quoted-pair: a backslash escapes the next character.
                    if (text[position] == '\\' && position + 1 < text.Length)
                    {
                        position++;
                    }

                    value.Append(text[position]);
                    position++;
                }

                position++;
            }
            else
            {
                while (position < text.Length && text[position] != ',')
                {
                    value.Append(text[position]);
                    position++;
                }
            }

            if (key.Length > 0)
            {
                parameters[key] = value.ToString().Trim();
            }
        }

        return parameters;
    }
}
