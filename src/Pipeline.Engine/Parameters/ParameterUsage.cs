using Pipeline.Engine.Targets;

namespace Pipeline.Engine.Parameters;

/// <summary>
/// The parameters a plan uses, decided from where things are declared rather than from running anything: a target
/// declared in a component interface can read (through its actions, Requires and conditions) only the members of that
/// interface and of the interfaces it derives from, so those interfaces' parameters are the ones it uses; a target
/// declared in the build class reaches everything. A parameter declared in the build class is always used: the class
/// may feed it into any component member it overrides. This over-approximates (Push "uses" Compile's parameters because
/// IPush derives from ICompile) but never misses a parameter a planned target reads, which is what keeps binding sound.
/// </summary>
internal static class ParameterUsage
{
    public static IReadOnlySet<ParameterDescriptor> Find(IReadOnlyList<PlannedTarget> plan, ParameterCatalog catalog)
    {
        var reachable = plan.Where(planned => !planned.SkippedByArgument).Select(planned => planned.Target.DeclaringType).Distinct().ToList();
        return catalog.Parameters
            .Where(parameter => parameter.Property.DeclaringType is not { IsInterface: true } declaring
                || reachable.Any(type => type.IsClass || declaring.IsAssignableFrom(type)))
            .ToHashSet();
    }
}
