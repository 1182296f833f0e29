using System.Globalization;
using Pipeline.Engine.Cli;
using Pipeline.Engine.Output;

namespace Pipeline.Engine.Parameters;

/// <summary>
/// Binds each parameter from the first source that has it: argument, environment variable (<c>PIPELINE_NAME</c>,
/// then <c>NAME</c>), parameters file. Arguments are bound for every parameter (the command line stays strict); the
/// environment and the file only for the parameters the plan uses, so an unrelated variable that happens to share a
/// parameter's name (<c>KEEP</c>, <c>NAMESPACE</c>) cannot fail a build. Each value is parsed to its type once, here,
/// and checked against its declared range or existence. Secrets are registered for masking before anything is printed.
/// </summary>
internal sealed class ParameterBinder(ParameterCatalog catalog, ParameterValueConverter converter, BuildOutput output)
{
    public void RegisterSecrets(IReadOnlyDictionary<ParameterDescriptor, List<string>> arguments, IReadOnlyDictionary<string, string> environment)
    {
        foreach (var parameter in catalog.Parameters.Where(parameter => parameter.IsSecret))
        {
            foreach (var value in arguments.GetValueOrDefault(parameter) ?? [])
            {
                output.AddSecret(value);
            }

            foreach (var variable in parameter.EnvironmentVariables)
            {
                if (environment.TryGetValue(variable, out var fromEnvironment))
                {
                    output.AddSecret(fromEnvironment);
                }
            }
        }
    }

    /// <summary>Binds into <paramref name="values"/>; returns every problem (unknown file keys, secrets in the file, values that do not parse or fit).</summary>
    public ParameterBinding Bind(
        IReadOnlyDictionary<ParameterDescriptor, List<string>> arguments,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyDictionary<string, IReadOnlyList<string>> file,
        IReadOnlySet<ParameterDescriptor> used,
        ParameterValues values)
    {
        var errors = new List<string>();
        var ignored = new List<string>();
        var fromFile = MapFileKeys(file, errors);
        foreach (var parameter in catalog.Parameters)
        {
            if (parameter.IsSecret && fromFile.ContainsKey(parameter))
            {
                errors.Add($"{parameter.Flag} is a secret and must not be in {ParametersFile.RelativePath} (the file is committed): remove it and set {parameter.EnvironmentVariable} in the environment.");
                continue;
            }

            if (!TryFindSource(parameter, arguments, used.Contains(parameter) ? environment : null, fromFile, out var raw, out var origin))
            {
                if (!used.Contains(parameter))
                {
                    ignored.AddRange(parameter.EnvironmentVariables
                        .Where(variable => environment.GetValueOrDefault(variable) is { Length: > 0 })
                        .Select(variable => $"{variable} ({parameter.Flag})"));
                }

                continue;
            }

            if (parameter.IsSecret && origin.Kind == ParameterOrigin.Argument)
            {
                output.Warning($"{parameter.Flag} is a secret given on the command line, where process lists and shell history keep it: set {parameter.EnvironmentVariable} instead.");
            }

            var shown = parameter.IsSecret ? "the secret value" : $"'{raw[^1]}'";
            if (!converter.TryConvert(parameter.Type, raw, out var value, out var problem))
            {
                // A value type's own message already quotes the value and says the rule; else the type is named.
                errors.Add(!parameter.IsSecret && ParameterValueConverter.HasOwnMessages(parameter.Type) && raw.Any(item => problem.Contains($"'{item}'", StringComparison.Ordinal))
                    ? $"{parameter.Flag} (from {origin}): {problem}"
                    : $"{parameter.Flag} (from {origin}): {shown} is not a valid {ParameterValueConverter.Describe(parameter.Type)}.{(parameter.IsSecret ? "" : $" {problem}")}");
            }
            else if (Violation(parameter, value) is { } violation)
            {
                errors.Add($"{parameter.Flag} (from {origin}): {shown} {violation}");
            }
            else
            {
                values.Set(parameter, value);
            }
        }

        return new ParameterBinding(errors, ignored);
    }

    /// <summary>What breaks the attribute's rules (range, existence), with the fix; null when the value fits.</summary>
    private static string? Violation(ParameterDescriptor parameter, object? value)
    {
        var attribute = parameter.Attribute;
        switch (value)
        {
            case int number when number < attribute.Minimum || number > attribute.Maximum:
                var range = attribute.Maximum == int.MaxValue
                    ? $"at least {attribute.Minimum.ToString(CultureInfo.InvariantCulture)}"
                    : $"from {attribute.Minimum.ToString(CultureInfo.InvariantCulture)} to {attribute.Maximum.ToString(CultureInfo.InvariantCulture)}";
                return $"is out of range: give a whole number {range}.";
            case AbsolutePath path when attribute.MustExist && !File.Exists(path):
                return Directory.Exists(path)
                    ? $"is a directory ({path}): give the path of a file."
                    : $"does not exist ({path}): give the path of an existing file.";
            default:
                return null;
        }
    }

    private Dictionary<ParameterDescriptor, IReadOnlyList<string>> MapFileKeys(IReadOnlyDictionary<string, IReadOnlyList<string>> file, List<string> errors)
    {
        var mapped = new Dictionary<ParameterDescriptor, IReadOnlyList<string>>();
        foreach (var (key, raw) in file)
        {
            if (catalog.FindByName(key) is { } parameter)
            {
                if (parameter.IsSecret)
                {
                    foreach (var value in raw)
                    {
                        output.AddSecret(value);
                    }
                }

                mapped[parameter] = raw;
            }
            else
            {
                var closest = ClosestMatch.Find(key, catalog.Parameters.Select(candidate => ParameterNames.ToKebabCase(candidate.Name)));
                errors.Add($"Unknown parameter '{key}' in {ParametersFile.RelativePath}.{ClosestMatch.Suggestion(closest)}");
            }
        }

        return mapped;
    }

    /// <summary>The first source holding a value; <paramref name="environment"/> and the file are null/skipped for unused parameters.</summary>
    private static bool TryFindSource(
        ParameterDescriptor parameter,
        IReadOnlyDictionary<ParameterDescriptor, List<string>> arguments,
        IReadOnlyDictionary<string, string>? environment,
        Dictionary<ParameterDescriptor, IReadOnlyList<string>> file,
        out IReadOnlyList<string> raw,
        out ValueOrigin origin)
    {
        if (arguments.TryGetValue(parameter, out var fromArguments))
        {
            (raw, origin) = (fromArguments, new ValueOrigin(ParameterOrigin.Argument, null));
            return true;
        }

        if (environment is null)
        {
            (raw, origin) = ([], new ValueOrigin(ParameterOrigin.Argument, null));
            return false;
        }

        // An empty variable counts as unset: CI systems expand a missing secret to "".
        foreach (var variable in parameter.EnvironmentVariables)
        {
            if (environment.TryGetValue(variable, out var fromEnvironment) && fromEnvironment.Length > 0)
            {
                (raw, origin) = ([fromEnvironment], new ValueOrigin(ParameterOrigin.Environment, variable));
                return true;
            }
        }

        if (file.TryGetValue(parameter, out var fromFile))
        {
            (raw, origin) = (fromFile, new ValueOrigin(ParameterOrigin.ParametersFile, null));
            return true;
        }

        (raw, origin) = ([], new ValueOrigin(ParameterOrigin.Argument, null));
        return false;
    }

    /// <summary>Where a value came from, as messages say it.</summary>
    private readonly record struct ValueOrigin(ParameterOrigin Kind, string? Variable)
    {
        public override string ToString() => Kind switch
        {
            ParameterOrigin.Argument => "the command line",
            ParameterOrigin.Environment => $"environment variable {Variable}",
            _ => ParametersFile.RelativePath,
        };
    }
}
