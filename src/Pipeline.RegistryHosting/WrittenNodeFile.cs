namespace Pipeline.RegistryHosting;

/// <summary>A node configuration file written locally, and where it belongs on a node.</summary>
/// <param name="LocalPath">The full path written under the output directory.</param>
/// <param name="NodePath">The absolute path it goes to on each node.</param>
public sealed record WrittenNodeFile(string LocalPath, string NodePath);
