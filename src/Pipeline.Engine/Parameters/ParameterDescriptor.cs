using System.Reflection;

namespace Pipeline.Engine.Parameters;

/// <summary>A declared parameter: where it lives, what it is called on the command line and in the environment.</summary>
internal sealed record ParameterDescriptor(string MemberName, string Name, string Description, bool IsSecret, PropertyInfo Property, string? EnvironmentVariableOverride = null)
{
    public Type Type => Property.PropertyType;

    public string Flag => "--" + ParameterNames.ToKebabCase(Name);

    public string EnvironmentVariable => EnvironmentVariableOverride ?? ParameterNames.ToUpperSnakeCase(Name);

    /// <summary>A settable property of the build class: the engine assigns the bound value.</summary>
    public bool IsSettable => Property.SetMethod is not null && Property.DeclaringType is { IsInterface: false };

    public bool IsFlag => (Nullable.GetUnderlyingType(Type) ?? Type) == typeof(bool);
}
