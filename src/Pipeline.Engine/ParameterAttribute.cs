namespace Pipeline.Engine;

/// <summary>
/// Marks a property as a build parameter, bound from <c>--kebab-case</c> arguments, then the environment
/// (<c>PIPELINE_UPPER_SNAKE</c>, then <c>UPPER_SNAKE</c>), then <c>.pipeline/parameters.json</c>, then the default in
/// code. The environment and the file are read only for parameters a planned target uses.
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

    /// <summary>The smallest value an <c>int</c> parameter accepts; checked where it is bound, before any target runs.</summary>
    public int Minimum { get; init; } = int.MinValue;

    /// <summary>The largest value an <c>int</c> parameter accepts; checked where it is bound, before any target runs.</summary>
    public int Maximum { get; init; } = int.MaxValue;

    /// <summary>A path parameter must name an existing file; checked where it is bound, before any target runs.</summary>
    public bool MustExist { get; init; }
}
