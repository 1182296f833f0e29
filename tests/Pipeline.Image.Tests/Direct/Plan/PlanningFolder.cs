using Pipeline.Image.Direct;

namespace Pipeline.Image.Tests.Direct.Plan;

/// <summary>A build context on disk with a Dockerfile beside it, planned as the direct builder would plan it.</summary>
internal sealed class PlanningFolder : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public PlanningFolder() => Directory.CreateDirectory(Context);

    /// <summary>The context folder.</summary>
    public string Context => Path.Combine(_folder.Path, "context");

    public string Dockerfile => Path.Combine(_folder.Path, "Dockerfile");

    /// <summary>Writes a context file.</summary>
    public string Write(string relativePath, string content = "x", UnixFileMode? mode = null) =>
        _folder.Write(Path.Combine("context", relativePath), content, mode);

    public async Task<DirectBuildOutcome> PlanAsync(string dockerfile, Func<DirectBuildPlanRequest, DirectBuildPlanRequest>? configure = null, string? ignoreFile = null)
    {
        await File.WriteAllTextAsync(Dockerfile, dockerfile);
        var context = await BuildContext.CreateAsync(Context, Dockerfile, ignoreFile, CancellationToken.None);
        var request = new DirectBuildPlanRequest { Context = context };
        request = configure?.Invoke(request) ?? request;
        return await DirectBuildPlanner.PlanAsync(request, CancellationToken.None);
    }

    /// <summary>Plans and expects a plan.</summary>
    public async Task<DirectBuildPlan> PlannedAsync(string dockerfile, Func<DirectBuildPlanRequest, DirectBuildPlanRequest>? configure = null, string? ignoreFile = null)
    {
        var outcome = await PlanAsync(dockerfile, configure, ignoreFile);
        outcome.Should().BeOfType<DirectBuildPlan>($"the Dockerfile needs no container, but: {outcome}");
        return (DirectBuildPlan)outcome;
    }

    /// <summary>Plans and expects a refusal.</summary>
    public async Task<DirectBuildRefusal> RefusedAsync(string dockerfile, Func<DirectBuildPlanRequest, DirectBuildPlanRequest>? configure = null)
    {
        var outcome = await PlanAsync(dockerfile, configure);
        outcome.Should().BeOfType<DirectBuildRefusal>();
        return (DirectBuildRefusal)outcome;
    }

    public void Dispose() => _folder.Dispose();
}
