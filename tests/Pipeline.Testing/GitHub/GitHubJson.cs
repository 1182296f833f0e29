// A TEST DOUBLE of the GitHub REST API (a loopback Kestrel server), not GitHub: see GitHubApiDouble.cs.
using System.Text.Json.Nodes;

namespace Pipeline.Testing.GitHub;

/// <summary>
/// The response bodies, with the fields of GitHub's REST API (snake_case) that Octokit reads. URLs point back at
/// the double, the upload URL included, so nothing leaves the loopback interface.
/// </summary>
internal sealed class GitHubJson(AddressHolder self)
{
    private const string Timestamp = "2025-01-01T00:00:00Z";

    public JsonObject Release(DoubleRelease release, IReadOnlyList<DoubleAsset> assets)
    {
        var api = $"{self.Address}api/v3/repos/{release.Repository}/releases/{release.Id}";
        var assetArray = new JsonArray();
        foreach (var asset in assets)
        {
            assetArray.Add(Asset(release, asset));
        }

        return new JsonObject
        {
            ["id"] = release.Id,
            ["node_id"] = $"RE_{release.Id}",
            ["url"] = api,
            ["html_url"] = $"{self.Address}{release.Repository}/releases/tag/{release.TagName}",
            ["assets_url"] = $"{api}/assets",
            ["upload_url"] = $"{self.Address}uploads/repos/{release.Repository}/releases/{release.Id}/assets{{?name,label}}",
            ["tarball_url"] = $"{self.Address}api/v3/repos/{release.Repository}/tarball/{release.TagName}",
            ["zipball_url"] = $"{self.Address}api/v3/repos/{release.Repository}/zipball/{release.TagName}",
            ["tag_name"] = release.TagName,
            ["target_commitish"] = release.TargetCommitish ?? "main",
            ["name"] = release.Name,
            ["body"] = release.Body,
            ["draft"] = release.Draft,
            ["prerelease"] = release.Prerelease,
            ["created_at"] = Timestamp,
            ["published_at"] = Timestamp,
            ["assets"] = assetArray,
        };
    }

    public JsonArray Assets(DoubleRelease release, IReadOnlyList<DoubleAsset> assets) =>
        [.. assets.Select(asset => (JsonNode)Asset(release, asset))];

    public JsonObject Asset(DoubleRelease release, DoubleAsset asset) => new()
    {
        ["id"] = asset.Id,
        ["node_id"] = $"RA_{asset.Id}",
        ["url"] = $"{self.Address}api/v3/repos/{release.Repository}/releases/assets/{asset.Id}",
        ["browser_download_url"] = $"{self.Address}{release.Repository}/releases/download/{release.TagName}/{asset.Name}",
        ["name"] = asset.Name,
        ["label"] = string.Empty,
        ["state"] = "uploaded",
        ["content_type"] = asset.ContentType,
        ["size"] = asset.Content.Length,
        ["download_count"] = 0,
        ["created_at"] = Timestamp,
        ["updated_at"] = Timestamp,
    };

    public JsonObject Deployment(DoubleDeployment deployment, string? description)
    {
        var api = $"{self.Address}api/v3/repos/{deployment.Repository}/deployments/{deployment.Id}";
        return new JsonObject
        {
            ["id"] = deployment.Id,
            ["node_id"] = $"DE_{deployment.Id}",
            ["url"] = api,
            ["statuses_url"] = $"{api}/statuses",
            ["repository_url"] = $"{self.Address}api/v3/repos/{deployment.Repository}",
            ["sha"] = "0000000000000000000000000000000000000000",
            ["ref"] = deployment.Ref,
            ["task"] = "deploy",
            ["payload"] = new JsonObject(),
            ["environment"] = deployment.Environment,
            ["description"] = description,
            ["created_at"] = Timestamp,
            ["updated_at"] = Timestamp,
        };
    }

    public JsonObject Status(DoubleDeployment deployment, DoubleDeploymentStatus status)
    {
        var deploymentUrl = $"{self.Address}api/v3/repos/{deployment.Repository}/deployments/{deployment.Id}";
        return new JsonObject
        {
            ["id"] = status.Id,
            ["node_id"] = $"DES_{status.Id}",
            ["url"] = $"{deploymentUrl}/statuses/{status.Id}",
            ["deployment_url"] = deploymentUrl,
            ["state"] = status.State,
            ["description"] = status.Description,
            ["environment"] = deployment.Environment,
            ["environment_url"] = status.EnvironmentUrl,
            ["log_url"] = status.LogUrl,
            ["created_at"] = Timestamp,
            ["updated_at"] = Timestamp,
        };
    }

    /// <summary>GitHub's error shape: a message, a documentation URL, and for 422 the failing fields.</summary>
    public static JsonObject Error(string message, string? resource = null, string? field = null, string? code = null)
    {
        var error = new JsonObject { ["message"] = message, ["documentation_url"] = "https://docs.github.com/rest" };
        if (code is not null)
        {
            error["errors"] = new JsonArray(new JsonObject { ["resource"] = resource, ["field"] = field, ["code"] = code });
        }

        return error;
    }
}
