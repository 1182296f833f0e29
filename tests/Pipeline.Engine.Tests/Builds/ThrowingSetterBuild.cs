namespace Pipeline.Engine.Tests.Builds;

/// <summary>A secret parameter whose setter rejects the value, quoting it: fails outside any target.</summary>
[DefaultTarget(nameof(Noop))]
internal sealed class ThrowingSetterBuild : PipelineBuild
{
    [Parameter("Token"), Secret]
    public string? Token
    {
        get => null;
        set => throw new InvalidOperationException($"token {value} is revoked");
    }

    private Target Noop => _ => _.Executes(() => { });
}
