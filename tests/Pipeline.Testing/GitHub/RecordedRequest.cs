// A TEST DOUBLE of the GitHub REST API (a loopback Kestrel server), not GitHub: see GitHubApiDouble.cs.
using System.Text;
using System.Text.Json.Nodes;

namespace Pipeline.Testing.GitHub;

/// <summary>
/// One request the double received. The Authorization header is kept as its scheme only, so a test can check that
/// a token was sent without the token being stored anywhere.
/// </summary>
/// <param name="Method">GET, POST, PATCH, DELETE.</param>
/// <param name="Path">The path without the <c>/api/v3</c> prefix GitHub Enterprise addresses carry.</param>
/// <param name="Query">The query string including <c>?</c>, or empty.</param>
/// <param name="Headers">Every header but Authorization, by name.</param>
/// <param name="AuthorizationScheme">The Authorization header's scheme (<c>token</c>, <c>Bearer</c>), or null when absent.</param>
/// <param name="Body">The raw body.</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string? AuthorizationScheme,
    byte[] Body)
{
    /// <summary>True when the request carried an Authorization header.</summary>
    public bool HasAuthorization => AuthorizationScheme is not null;

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The body parsed as a JSON object.</summary>
    public JsonObject Json => JsonNode.Parse(Body)?.AsObject() ?? throw new InvalidOperationException($"{Method} {Path} had no JSON body");

    /// <summary>"METHOD /path", handy in assertions.</summary>
    public override string ToString() => $"{Method} {Path}";
}
