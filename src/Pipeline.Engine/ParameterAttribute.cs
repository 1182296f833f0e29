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
}
