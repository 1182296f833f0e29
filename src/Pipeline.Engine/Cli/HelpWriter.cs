using System.Collections;
using System.Globalization;
using System.Reflection;
using Pipeline.Engine.Output;
using Pipeline.Engine.Parameters;
using Pipeline.Engine.Targets;

namespace Pipeline.Engine.Cli;

/// <summary>
/// Prints targets (description, default, dependencies) and parameters (flag, variable, type, default, secret).
/// Defaults come from evaluating the unbound properties; a secret's value is never evaluated.
/// </summary>
internal static class HelpWriter
{
    public const string Usage = "Usage: build [targets…] [--help|-h] [--plan] [--verbose] [--skip [targets…]] [--parameter value…]";

    public static void Write(BuildOutput output, TargetGraph graph, ParameterCatalog catalog, string? defaultTarget, PipelineBuild build)
    {
        output.Information(Usage);
        output.Information("");
        output.Information("Targets:");
        var targetRows = graph.Targets.Select(target => new[]
        {
            target.Name + (string.Equals(target.Name, defaultTarget, StringComparison.OrdinalIgnoreCase) ? " (default)" : ""),
            (target.Definition.DescriptionText ?? "")
                + (target.DependsOn.Count > 0 ? "  → " + string.Join(", ", target.DependsOn.Select(dependency => dependency.Name)) : ""),
        });
        WriteRows(output, targetRows);

        output.Information("");
        output.Information("Parameters (argument > environment variable, PIPELINE_ first > .pipeline/parameters.json > default; the environment and the file are read only for parameters a planned target uses):");
        var parameterRows = catalog.Parameters.Select(parameter => new[]
        {
            parameter.Flag,
            string.Join(" | ", parameter.EnvironmentVariables),
            ParameterValueConverter.Describe(parameter.Type),
            parameter.Description + Annotation(parameter, build),
        });
        WriteRows(output, parameterRows);
    }

    private static string Annotation(ParameterDescriptor parameter, PipelineBuild build)
    {
        if (parameter.IsSecret)
        {
            return " (secret)";
        }

        var shown = DefaultOf(parameter, build);
        return shown.Length > 0 ? $" (default: {shown})" : "";
    }

    private static string DefaultOf(ParameterDescriptor parameter, PipelineBuild build)
    {
        try
        {
            return parameter.Property.GetValue(build) switch
            {
                null => "",
                string text => text,
                bool flag => flag ? "true" : "false",
                IEnumerable items => string.Join(",", items.Cast<object>()),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                var value => value.ToString() ?? "",
            };
        }
        catch (TargetInvocationException)
        {
            return "computed at run time";
        }
    }

    private static void WriteRows(BuildOutput output, IEnumerable<string[]> rows)
    {
        var table = rows.ToList();
        if (table.Count == 0)
        {
            output.Information("  (none)");
            return;
        }

        var widths = Enumerable.Range(0, table[0].Length).Select(column => table.Max(row => row[column].Length)).ToArray();
        foreach (var row in table)
        {
            var cells = row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column]));
            output.Information(("  " + string.Join("  ", cells)).TrimEnd());
        }
    }
}
