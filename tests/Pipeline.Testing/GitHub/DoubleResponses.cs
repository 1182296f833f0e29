// A TEST DOUBLE of the GitHub REST API (a loopback Kestrel server), not GitHub: see GitHubApiDouble.cs.
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Pipeline.Testing.GitHub;

/// <summary>Writes JSON answers the way GitHub does (status code, <c>application/json</c>).</summary>
internal static class DoubleResponses
{
    public static IResult Json(int statusCode, JsonNode body) =>
        Results.Content(body.ToJsonString(), "application/json; charset=utf-8", statusCode: statusCode);

    public static IResult NotFound() => Json(StatusCodes.Status404NotFound, GitHubJson.Error("Not Found"));

    public static IResult Invalid(string resource, string field, string code) =>
        Json(StatusCodes.Status422UnprocessableEntity, GitHubJson.Error("Validation Failed", resource, field, code));

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request) =>
        (await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false))?.AsObject()
        ?? throw new InvalidOperationException("the request has no JSON body");
}
