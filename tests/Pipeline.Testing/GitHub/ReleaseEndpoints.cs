// A TEST DOUBLE of the GitHub REST API (a loopback Kestrel server), not GitHub: see GitHubApiDouble.cs.
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Pipeline.Testing.GitHub;

/// <summary>
/// The release endpoints the publisher calls: get by tag, create, update, list assets, delete an asset, and the
/// upload endpoint (GitHub serves it on uploads.github.com; the double serves it under <c>/uploads</c>).
/// </summary>
internal sealed class ReleaseEndpoints(GitHubDoubleState state, GitHubJson json)
{
    public void Map(IEndpointRouteBuilder api, IEndpointRouteBuilder uploads)
    {
        api.MapGet("/repos/{owner}/{repo}/releases/tags/{tag}", (string owner, string repo, string tag) =>
            state.FindRelease($"{owner}/{repo}", tag) is { } release
                ? DoubleResponses.Json(StatusCodes.Status200OK, json.Release(release, state.Assets(release)))
                : DoubleResponses.NotFound());
        api.MapPost("/repos/{owner}/{repo}/releases", CreateAsync);
        api.MapMethods("/repos/{owner}/{repo}/releases/{id:long}", [HttpMethods.Patch], UpdateAsync);
        api.MapGet("/repos/{owner}/{repo}/releases/{id:long}/assets", (string owner, string repo, long id) =>
            state.FindRelease($"{owner}/{repo}", id) is { } release
                ? DoubleResponses.Json(StatusCodes.Status200OK, json.Assets(release, state.Assets(release)))
                : DoubleResponses.NotFound());
        api.MapDelete("/repos/{owner}/{repo}/releases/assets/{assetId:int}", (string owner, string repo, int assetId) =>
            state.DeleteAsset($"{owner}/{repo}", assetId) ? Results.NoContent() : DoubleResponses.NotFound());
        uploads.MapPost("/repos/{owner}/{repo}/releases/{id:long}/assets", UploadAsync);
    }

    private async Task<IResult> CreateAsync(string owner, string repo, HttpRequest request)
    {
        var repository = $"{owner}/{repo}";
        if (!state.HasRepository(repository))
        {
            return DoubleResponses.NotFound();
        }

        var body = await DoubleResponses.ReadObjectAsync(request).ConfigureAwait(false);
        var tag = body["tag_name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(tag))
        {
            return DoubleResponses.Invalid("Release", "tag_name", "missing_field");
        }

        var release = state.AddRelease(repository, tag, r =>
        {
            r.Name = body["name"]?.GetValue<string>();
            r.Body = body["body"]?.GetValue<string>();
            r.TargetCommitish = body["target_commitish"]?.GetValue<string>();
            r.Prerelease = body["prerelease"]?.GetValue<bool>() ?? false;
            r.Draft = body["draft"]?.GetValue<bool>() ?? false;
        });
        return release is null
            ? DoubleResponses.Invalid("Release", "tag_name", "already_exists")
            : DoubleResponses.Json(StatusCodes.Status201Created, json.Release(release, state.Assets(release)));
    }

    private async Task<IResult> UpdateAsync(string owner, string repo, long id, HttpRequest request)
    {
        if (state.FindRelease($"{owner}/{repo}", id) is not { } release)
        {
            return DoubleResponses.NotFound();
        }

        var body = await DoubleResponses.ReadObjectAsync(request).ConfigureAwait(false);
        state.UpdateRelease(release, r =>
        {
            // PATCH semantics: only the fields sent change.
            r.Name = body.ContainsKey("name") ? body["name"]?.GetValue<string>() : r.Name;
            r.Body = body.ContainsKey("body") ? body["body"]?.GetValue<string>() : r.Body;
            r.Prerelease = body["prerelease"]?.GetValue<bool>() ?? r.Prerelease;
            r.Draft = body["draft"]?.GetValue<bool>() ?? r.Draft;
        });
        return DoubleResponses.Json(StatusCodes.Status200OK, json.Release(release, state.Assets(release)));
    }

    private async Task<IResult> UploadAsync(string owner, string repo, long id, string? name, HttpRequest request)
    {
        if (state.FindRelease($"{owner}/{repo}", id) is not { } release)
        {
            return DoubleResponses.NotFound();
        }

        if (string.IsNullOrEmpty(name))
        {
            return DoubleResponses.Invalid("ReleaseAsset", "name", "missing_field");
        }

        using var content = new MemoryStream();
        await request.Body.CopyToAsync(content, request.HttpContext.RequestAborted).ConfigureAwait(false);
        var asset = state.AddAsset(release, name, request.ContentType ?? "application/octet-stream", content.ToArray());
        return asset is null
            ? DoubleResponses.Invalid("ReleaseAsset", "name", "already_exists")
            : DoubleResponses.Json(StatusCodes.Status201Created, json.Asset(release, asset));
    }
}
