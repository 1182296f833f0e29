namespace Pipeline.RegistryHosting;

/// <summary>One file for a node: its content, where it is written locally, where it goes on the node, and how to activate it.</summary>
/// <param name="RelativePath">The path under the output directory, with '/' separators (e.g. <c>containerd/certs.d/docker.io/hosts.toml</c>).</param>
/// <param name="NodePath">The absolute path on the node (e.g. <c>/etc/containerd/certs.d/docker.io/hosts.toml</c>).</param>
/// <param name="Content">The file's text (LF line endings, trailing newline).</param>
/// <param name="Runtime">The runtime that reads it.</param>
/// <param name="Installation">How to put it in place (copy, or merge into an existing file).</param>
/// <param name="ReloadCommand">The command that makes the runtime read it; printed, never run by Pipeline.</param>
public sealed record NodeConfigurationFile(
    string RelativePath,
    string NodePath,
    string Content,
    NodeRuntime Runtime,
    string Installation,
    string ReloadCommand);
