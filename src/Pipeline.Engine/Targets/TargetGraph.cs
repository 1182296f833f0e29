using System.Reflection;
using Pipeline.Engine.Runtime;

namespace Pipeline.Engine.Targets;

/// <summary>
/// The build's targets with their relations resolved. A <see cref="Target"/> value is identified by its
/// lambda's method: each property access makes a new delegate, but the method behind it stays the same.
/// </summary>
internal sealed class TargetGraph
{
    private readonly Dictionary<string, TargetModel> byName;

    private TargetGraph(IReadOnlyList<TargetModel> targets, Dictionary<string, TargetModel> byName)
    {
        Targets = targets;
        this.byName = byName;
    }

    /// <summary>Every target, in declaration order.</summary>
    public IReadOnlyList<TargetModel> Targets { get; }

    public IEnumerable<string> Names => byName.Keys;

    public TargetModel? Find(string name) => byName.GetValueOrDefault(name);

    /// <exception cref="BuildConfigurationException">A target cannot be defined or refers to an unknown target.</exception>
    public static TargetGraph Build(PipelineBuild build)
    {
        var byKey = new Dictionary<MethodInfo, TargetModel>();
        var byName = new Dictionary<string, TargetModel>(StringComparer.OrdinalIgnoreCase);
        var targets = new List<TargetModel>();
        foreach (var property in TargetDiscovery.FindTargetProperties(build.GetType()))
        {
            var name = MemberNames.Simple(property.Name);
            var target = ReadTarget(build, property, name);
            if (byKey.TryGetValue(target.Method, out var aliased))
            {
                byName[name] = aliased;
                continue;
            }

            var model = new TargetModel(name, targets.Count, Define(build, target, name), property.DeclaringType!, target.Method);
            byKey[target.Method] = model;
            byName[name] = model;
            targets.Add(model);
        }

        var errors = new List<string>();
        foreach (var model in targets)
        {
            var definition = model.Definition;
            Resolve(model, definition.Dependencies, model.DependsOn, byKey, errors);
            Resolve(model, definition.RunsBefore, model.Before, byKey, errors);
            Resolve(model, definition.RunsAfter, model.After, byKey, errors);
            Resolve(model, definition.Triggered, model.Triggers, byKey, errors);
            Resolve(model, definition.TriggeredByTargets, model.TriggeredBy, byKey, errors);
            Resolve(model, definition.AlwaysAfterTargets, model.AlwaysAfter, byKey, errors);
        }

        return errors.Count == 0 ? new TargetGraph(targets, byName) : throw new BuildConfigurationException(string.Join(Environment.NewLine, errors));
    }

    private static Target ReadTarget(PipelineBuild build, PropertyInfo property, string name)
    {
        try
        {
            return property.GetValue(build) as Target
                ?? throw new BuildConfigurationException($"Target property '{name}' returned null.");
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            throw new BuildConfigurationException($"Target property '{name}' threw: {exception.InnerException.Message}");
        }
    }

    private static TargetDefinition Define(PipelineBuild build, Target target, string name)
    {
        var definition = new TargetDefinition(build, name);
        try
        {
            target(definition);
        }
        catch (Exception exception) when (exception is not BuildConfigurationException)
        {
            throw new BuildConfigurationException($"Target '{name}' could not be defined: {exception.Message}");
        }

        return definition;
    }

    private static void Resolve(
        TargetModel model, List<Target> references, List<TargetModel> resolved, Dictionary<MethodInfo, TargetModel> byKey, List<string> errors)
    {
        foreach (var reference in references)
        {
            if (reference is null)
            {
                errors.Add($"Target '{model.Name}' refers to a null target.");
            }
            else if (byKey.TryGetValue(reference.Method, out var target))
            {
                if (!resolved.Contains(target))
                {
                    resolved.Add(target);
                }
            }
            else
            {
                errors.Add($"Target '{model.Name}' refers to '{MemberNames.DeclaringProperty(reference.Method)}', which is not a target of this build (is its component interface implemented?).");
            }
        }
    }
}
