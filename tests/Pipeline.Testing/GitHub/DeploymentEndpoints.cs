// A TEST DOUBLE of the GitHub REST API (a loopback Kestrel server), not GitHub: see GitHubApiDouble.cs.
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Pipeline.Testing.GitHub;

/// <summary>The deployment endpoints the reporter calls: create a deployment, create a deployment status.</summary>
internal sealed class DeploymentEndpoints(GitHubDoubleState state, GitHubJson json)
{
    private static readonly string[] States = ["error", "failure", "inactive", "in_progress", "queued", "pending", "success"];

    public void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/repos/{owner}/{repo}/deployments", CreateAsync);
        api.MapPost("/repos/{owner}/{repo}/deployments/{id:long}/statuses", CreateStatusAsync);
    }

    private async Task<IResult> CreateAsync(string owner, string repo, HttpRequest request)
    {
        var repository = $"{owner}/{repo}";
        if (!state.HasRepository(repository))
        {
            return DoubleResponses.NotFound();
        }

        var body = await DoubleResponses.ReadObjectAsync(request).ConfigureAwait(false);
        var reference = body["ref"]?.GetValue<string>();
        if (string.IsNullOrEmpty(reference))
        {
            return DoubleResponses.Invalid("Deployment", "ref", "missing_field");
        }

        var deployment = state.AddDeployment(repository, reference, body["environment"]?.GetValue<string>() ?? "production");
        return DoubleResponses.Json(StatusCodes.Status201Created, json.Deployment(deployment, body["description"]?.GetValue<string>()));
    }

    private async Task<IResult> CreateStatusAsync(string owner, string repo, long id, HttpRequest request)
    {
        if (state.FindDeployment($"{owner}/{repo}", id) is not { } deployment)
        {
            return DoubleResponses.NotFound();
        }

        var body = await DoubleResponses.ReadObjectAsync(request).ConfigureAwait(false);
        var deploymentState = body["state"]?.GetValue<string>();
        if (deploymentState is null || !States.Contains(deploymentState))
        {
            return DoubleResponses.Invalid("DeploymentStatus", "state", "invalid");
        }

        var status = state.AddStatus(deployment, deploymentState, body["description"]?.GetValue<string>(),
            body["environment_url"]?.GetValue<string>(), body["log_url"]?.GetValue<string>());
        return DoubleResponses.Json(StatusCodes.Status201Created, json.Status(deployment, status));
    }
}
