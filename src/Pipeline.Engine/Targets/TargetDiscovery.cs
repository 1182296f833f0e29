using System.Reflection;

namespace Pipeline.Engine.Targets;

/// <summary>
/// Finds the <see cref="Target"/> properties of a build: on the class and its bases (public or not), then on
/// every interface it implements. A name is taken once, so the class's own declaration wins over a component's.
/// </summary>
internal static class TargetDiscovery
{
    private const BindingFlags DeclaredInstanceMembers =
        BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public static IReadOnlyList<PropertyInfo> FindTargetProperties(Type buildType) =>
        FindProperties(buildType, property => property.PropertyType == typeof(Target));

    /// <summary>Properties matching <paramref name="predicate"/>, most specific first, one per simple name.</summary>
    public static IReadOnlyList<PropertyInfo> FindProperties(Type buildType, Func<PropertyInfo, bool> predicate)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<PropertyInfo>();
        foreach (var type in DeclaringTypes(buildType))
        {
            var declared = type.GetProperties(DeclaredInstanceMembers)
                .Where(property => property.GetIndexParameters().Length == 0 && predicate(property))
                .OrderBy(property => property.MetadataToken);
            found.AddRange(declared.Where(property => names.Add(MemberNames.Simple(property.Name))));
        }

        return found;
    }

    /// <summary>The class hierarchy (most derived first), then interfaces, the most basic components first.</summary>
    private static IEnumerable<Type> DeclaringTypes(Type buildType)
    {
        for (var type = buildType; type is not null && type != typeof(object); type = type.BaseType)
        {
            yield return type;
        }

        var interfaces = buildType.GetInterfaces();
        foreach (var component in interfaces.OrderBy(component => component.GetInterfaces().Length).ThenBy(component => Array.IndexOf(interfaces, component)))
        {
            yield return component;
        }
    }
}
