namespace Pipeline.Engine.Tests.Builds;

/// <summary>Draws on the terminal as a progress bar does: in pieces, never flushed, a secret in two of them.</summary>
[DefaultTarget(nameof(Draw))]
internal sealed class TerminalBuild : PipelineBuild
{
    [Parameter("Registry password"), Secret]
    public string? RegistryPassword { get; set; }

    private Target Draw => _ => _
        .Requires(() => RegistryPassword)
        .Executes(() =>
        {
            var half = RegistryPassword!.Length / 2;
            Terminal.Write("\u001b[2K\rpushing as ");
            Terminal.Write(RegistryPassword[..half]);
            Terminal.Write(RegistryPassword[half..]);
            Terminal.Write(" 42%");
        });
}
