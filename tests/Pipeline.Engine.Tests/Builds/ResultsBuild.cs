using Microsoft.Extensions.Logging;

namespace Pipeline.Engine.Tests.Builds;

/// <summary>Targets that hand each other typed results, and a value computed once for several targets.</summary>
[DefaultTarget(nameof(Deploy))]
internal sealed class ResultsBuild : PipelineBuild
{
    private int releaseLookups;

    [Parameter("Skip the push, handing on what the registry holds")]
    public bool Unchanged { get; set; }

    [Parameter("Fail the push")]
    public bool FailPush { get; set; }

    private Target Push => _ => _.Executes(async cancellationToken =>
    {
        var release = await ReleaseAsync();
        if (FailPush)
        {
            throw new InvalidOperationException("registry refused the push");
        }

        return Unchanged
            ? throw new TargetSkippedException("already in the registry", new Pushed($"orders-api:{release}", "sha256:old"))
            : new Pushed($"orders-api:{release}", "sha256:new");
    });

    private Target Deploy => _ => _.DependsOn(Push).Executes(async () =>
    {
        var release = await ReleaseAsync();
        var pushed = ResultOf<Pushed>(Push);
        Log.LogInformation("deploying {Image}@{Digest} for {Release}", pushed?.Image ?? "nothing", pushed?.Digest ?? "none", release);
    });

    private Target Report => _ => _.AlwaysAfter(Push).Executes(() =>
        Log.LogInformation("report: {Result}, push {Status}; release looked up {Count} time(s)", ResultOf<Pushed>(Push)?.Digest ?? "no result", StatusOf(Push), releaseLookups));

    private Task<string> ReleaseAsync() => Once(async () =>
    {
        Interlocked.Increment(ref releaseLookups);
        await Task.Yield();
        return "v1.2.3";
    });

    private sealed record Pushed(string Image, string Digest);
}
