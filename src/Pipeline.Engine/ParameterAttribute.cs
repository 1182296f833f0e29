namespace Pipeline.Engine;

/// <summary>
/// Marks a property as a build parameter, bound from <c>--kebab-case</c> arguments, then <c>UPPER_SNAKE</c>
/// environment variables, then <c>.pipeline/parameters.json</c>, then the default in code.
/// </summary>
/// <param name="description">One line shown by <c>--help</c>.</param>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class ParameterAttribute(string description = "") : Attribute
{
    /// <summary>One line shown by <c>--help</c>.</summary>
    public string Description { get; } = description;

    /// <summary>Overrides the name the flag and the variable derive from (default: the property name).</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Overrides the environment variable (default: UPPER_SNAKE of the name), for a name that a tool already
    /// gives another meaning, such as <c>KUBECONFIG</c> (a path list the cluster stage reads itself).
    /// </summary>
    public string? EnvironmentVariable { get; init; }
}
