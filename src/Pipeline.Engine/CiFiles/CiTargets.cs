using Pipeline.Engine.Targets;

namespace Pipeline.Engine.CiFiles;

/// <summary>Checks that every target a CI stage runs is one the build declares, so a typo fails here and not on the CI server.</summary>
internal static class CiTargets
{
    public static void RequireDeclared(Type buildType, CiDescription description)
    {
        var declared = TargetDiscovery.FindTargetProperties(buildType).Select(property => MemberNames.Simple(property.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var stage in description.Stages)
        {
            var unknown = stage.Targets.FirstOrDefault(target => !declared.Contains(target));
            if (unknown is not null)
            {
                throw new ArgumentException(
                    $"the CI stage '{stage.Name}' runs target '{unknown}', which this build does not declare: "
                    + $"use one of {string.Join(", ", declared.Order(StringComparer.Ordinal))} (spelled as declared).");
            }
        }
    }
}
