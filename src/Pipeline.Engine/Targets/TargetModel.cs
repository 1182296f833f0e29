namespace Pipeline.Engine.Targets;

/// <summary>A discovered target with its relations resolved to other targets of the same build.</summary>
internal sealed class TargetModel(string name, int order, TargetDefinition definition, Type declaringType, System.Reflection.MethodInfo key)
{
    /// <summary>The lambda behind the target's delegate: what identifies it (see <see cref="TargetGraph"/>).</summary>
    public System.Reflection.MethodInfo Key { get; } = key;

    public string Name { get; } = name;

    /// <summary>Declaration order: the tie-break that keeps plans stable.</summary>
    public int Order { get; } = order;

    public TargetDefinition Definition { get; } = definition;

    /// <summary>The class or component interface whose property declares the target: what its code can reach.</summary>
    public Type DeclaringType { get; } = declaringType;

    public List<TargetModel> DependsOn { get; } = [];

    public List<TargetModel> Before { get; } = [];

    public List<TargetModel> After { get; } = [];

    public List<TargetModel> Triggers { get; } = [];

    public List<TargetModel> TriggeredBy { get; } = [];

    public List<TargetModel> AlwaysAfter { get; } = [];

    public override string ToString() => Name;
}
