namespace Pipeline.Engine;

/// <summary>Names the target that runs when the command line names none: <c>[DefaultTarget(nameof(Compile))]</c>.</summary>
/// <param name="name">The target's property name.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class DefaultTargetAttribute(string name) : Attribute
{
    /// <summary>The target's property name.</summary>
    public string Name { get; } = name;
}
