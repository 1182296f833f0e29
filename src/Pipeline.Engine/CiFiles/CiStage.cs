namespace Pipeline.Engine.CiFiles;

/// <summary>
/// One CI stage: a GitHub step and a Jenkins stage that run <c>./build.sh</c> with <see cref="Targets"/>; with a
/// <see cref="FanOut"/>, a job (GitHub) or parallel stages (Jenkins) that run it once per value.
/// </summary>
/// <param name="Name">The stage's name as both CI servers show it, e.g. <c>Publish</c>.</param>
/// <param name="Targets">The targets the stage runs, e.g. <c>nameof(IPublishToKubernetes.Publish)</c>.</param>
public sealed record CiStage(string Name, params IReadOnlyList<string> Targets)
{
    /// <summary>Runs only when a release tag (<see cref="CiDescription.ReleaseTagPattern"/>) is built.</summary>
    public bool OnReleaseTag { get; init; }

    /// <summary>The secrets the stage's build reads from its environment.</summary>
    public IReadOnlyList<CiSecret> Secrets { get; init; } = [];

    /// <summary>Runs the stage once per value, side by side, handing each run's output to the next stage; null runs it once.</summary>
    public CiFanOut? FanOut { get; init; }

    /// <summary>GitHub token scopes the stage writes with (e.g. <c>contents</c> for a release); every other scope stays read-only or off.</summary>
    public IReadOnlyList<string> GitHubWritePermissions { get; init; } = [];
}
