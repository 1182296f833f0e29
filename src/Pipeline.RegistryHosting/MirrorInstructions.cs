using System.Text;

namespace Pipeline.RegistryHosting;

/// <summary>
/// What an operator does with the node files: for each, where it goes on every node and the command that makes the
/// runtime read it. Pipeline prints this and runs none of it: node daemons are not a build's to restart.
/// </summary>
public sealed class MirrorInstructions
{
    internal MirrorInstructions(RegistryMirrorSettings settings, IReadOnlyList<NodeConfigurationFile> files)
    {
        var text = new StringBuilder()
            .Append("Mirror of ").Append(settings.UpstreamRegistry).Append(" at ").Append(ContainerdHostsToml.Root(settings.MirrorEndpoint))
            .Append(": on every node, put each file in place and run its reload command (Pipeline ran none of them).\n");
        foreach (var file in files)
        {
            text.Append('\n')
                .Append(file.Runtime == NodeRuntime.Containerd ? "containerd" : "Docker Engine").Append(": ").Append(file.RelativePath).Append('\n')
                .Append("  goes to: ").Append(file.NodePath).Append('\n')
                .Append("  how:     ").Append(file.Installation).Append('\n')
                .Append("  reload:  ").Append(file.ReloadCommand).Append('\n');
        }

        if (!settings.UpstreamRegistry.IsDockerHub)
        {
            text.Append('\n')
                .Append("Docker Engine: no file. Its registry-mirrors setting mirrors Docker Hub only; Docker clients pull ")
                .Append(settings.UpstreamRegistry).Append(" images directly.\n");
        }

        Text = text.ToString();
    }

    /// <summary>The instructions as text (LF line endings).</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override string ToString() => Text;
}
