namespace Pipeline.Engine;

/// <summary>
/// A build target: a function that configures a <see cref="ITargetDefinition"/>.
/// Declare targets as properties of the build class or as default members of component interfaces:
/// <code>Target Compile => _ => _.DependsOn(Restore).Executes(() => …);</code>
/// </summary>
/// <param name="definition">The definition to configure; return it (every fluent method does).</param>
/// <returns>The configured definition.</returns>
public delegate ITargetDefinition Target(ITargetDefinition definition);
