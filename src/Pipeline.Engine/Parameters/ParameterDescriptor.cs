using System.Reflection;

namespace Pipeline.Engine.Parameters;

/// <summary>A declared parameter: where it lives, what it is called on the command line and in the environment.</summary>
internal sealed record ParameterDescriptor(string MemberName, string Name, string Description, bool IsSecret, PropertyInfo Property, string? EnvironmentVariableOverride = null)
{
    /// <summary>The prefix that gives every parameter a variable no other tool uses.</summary>
    public const string EnvironmentPrefix = "PIPELINE_";

    public Type Type => Property.PropertyType;

    public string Flag => "--" + ParameterNames.ToKebabCase(Name);

    /// <summary>The variable messages name: the override, else UPPER_SNAKE of the name.</summary>
    public string EnvironmentVariable => EnvironmentVariableOverride ?? ParameterNames.ToUpperSnakeCase(Name);

    /// <summary>The variables read, first wins: <c>PIPELINE_NAME</c>, then <c>NAME</c> (an override already prefixed is read alone).</summary>
    public IReadOnlyList<string> EnvironmentVariables =>
        EnvironmentVariable.StartsWith(EnvironmentPrefix, StringComparison.Ordinal)
            ? [EnvironmentVariable]
            : [EnvironmentPrefix + EnvironmentVariable, EnvironmentVariable];

    /// <summary>Range and existence rules from the attribute.</summary>
    public ParameterAttribute Attribute => Property.GetCustomAttribute<ParameterAttribute>()!;

    /// <summary>A settable property of the build class: the engine assigns the bound value.</summary>
    public bool IsSettable => Property.SetMethod is not null && Property.DeclaringType is { IsInterface: false };

    public bool IsFlag => (Nullable.GetUnderlyingType(Type) ?? Type) == typeof(bool);
}
