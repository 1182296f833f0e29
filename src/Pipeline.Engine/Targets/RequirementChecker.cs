using System.Collections;
using System.Linq.Expressions;
using Pipeline.Engine.Parameters;

namespace Pipeline.Engine.Targets;

/// <summary>Checks every <see cref="ITargetDefinition.Requires"/> of the targets about to run, all at once.</summary>
internal static class RequirementChecker
{
    /// <summary>One line per missing value: its flag and variable, and the targets that need it.</summary>
    public static IReadOnlyList<string> FindMissing(IReadOnlyList<PlannedTarget> plan, ParameterCatalog catalog)
    {
        var missing = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var planned in plan.Where(planned => !planned.SkippedByArgument))
        {
            foreach (var requirement in planned.Target.Definition.Requirements)
            {
                if (HasValue(requirement))
                {
                    continue;
                }

                var label = Label(requirement, catalog);
                if (!missing.TryGetValue(label, out var targets))
                {
                    missing[label] = targets = [];
                }

                targets.Add(planned.Target.Name);
            }
        }

        return [.. missing.Select(entry => $"{entry.Key}, required by {string.Join(", ", entry.Value)}")];
    }

    private static bool HasValue(Expression<Func<object?>> requirement) =>
        requirement.Compile(preferInterpretation: true)() switch
        {
            null => false,
            string text => !string.IsNullOrWhiteSpace(text),
            ICollection collection => collection.Count > 0,
            _ => true,
        };

    private static string Label(Expression<Func<object?>> requirement, ParameterCatalog catalog)
    {
        var body = requirement.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } conversion)
        {
            body = conversion.Operand;
        }

        if (body is not MemberExpression member)
        {
            return body.ToString();
        }

        return catalog.FindByMemberName(member.Member.Name) is { } parameter
            ? $"{parameter.Flag} (environment variable {parameter.EnvironmentVariable})"
            : member.Member.Name;
    }
}
