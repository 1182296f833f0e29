using System.Reflection;
using Pipeline.Engine.Targets;

namespace Pipeline.Engine.Parameters;

/// <summary>The parameters a build declares, on the class or on its component interfaces.</summary>
internal sealed class ParameterCatalog
{
    private readonly Dictionary<string, ParameterDescriptor> byMemberName;
    private readonly Dictionary<string, ParameterDescriptor> byNormalizedName;

    private ParameterCatalog(IReadOnlyList<ParameterDescriptor> parameters)
    {
        Parameters = parameters;
        byMemberName = parameters.ToDictionary(parameter => parameter.MemberName, StringComparer.Ordinal);
        byNormalizedName = parameters
            .GroupBy(parameter => ParameterNames.Normalize(parameter.Name))
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
    }

    public IReadOnlyList<ParameterDescriptor> Parameters { get; }

    public static ParameterCatalog Discover(Type buildType)
    {
        var properties = TargetDiscovery.FindProperties(buildType, property => property.GetCustomAttribute<ParameterAttribute>() is not null);
        return new ParameterCatalog([.. properties.Select(Describe)]);
    }

    public ParameterDescriptor? FindByMemberName(string memberName) => byMemberName.GetValueOrDefault(MemberNames.Simple(memberName));

    /// <summary>Finds by flag, file key or variable name, ignoring case and separators.</summary>
    public ParameterDescriptor? FindByName(string name) => byNormalizedName.GetValueOrDefault(ParameterNames.Normalize(name));

    private static ParameterDescriptor Describe(PropertyInfo property)
    {
        var attribute = property.GetCustomAttribute<ParameterAttribute>()!;
        var memberName = MemberNames.Simple(property.Name);
        return new ParameterDescriptor(
            memberName,
            attribute.Name ?? memberName,
            attribute.Description,
            property.GetCustomAttribute<SecretAttribute>() is not null,
            property,
            attribute.EnvironmentVariable);
    }
}
