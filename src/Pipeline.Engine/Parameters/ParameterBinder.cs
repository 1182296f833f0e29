using Pipeline.Engine.Cli;
using Pipeline.Engine.Output;
using Pipeline.Engine.Runtime;

namespace Pipeline.Engine.Parameters;

/// <summary>
/// Binds each parameter from the first source that has it: argument, environment variable, parameters file.
/// Secrets are registered for masking before anything is printed, wherever they came from.
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

            if (environment.TryGetValue(parameter.EnvironmentVariable, out var fromEnvironment))
            {
                output.AddSecret(fromEnvironment);
            }
        }
    }

    /// <exception cref="BuildConfigurationException">Unknown file keys, secrets in the file, values that do not parse.</exception>
    public void Bind(
        IReadOnlyDictionary<ParameterDescriptor, List<string>> arguments,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyDictionary<string, IReadOnlyList<string>> file,
        ParameterValues values)
    {
        var errors = new List<string>();
        var fromFile = MapFileKeys(file, errors);
        foreach (var parameter in catalog.Parameters)
        {
            if (!TryFindSource(parameter, arguments, environment, fromFile, out var raw, out var origin))
            {
                continue;
            }

            if (parameter.IsSecret && origin == ParameterOrigin.ParametersFile)
            {
                errors.Add($"{parameter.Flag} is a secret and must not be in {ParametersFile.RelativePath} (the file is committed): remove it and set {parameter.EnvironmentVariable} in the environment.");
                continue;
            }

            if (parameter.IsSecret && origin == ParameterOrigin.Argument)
            {
                output.Warning($"{parameter.Flag} is a secret given on the command line, where process lists and shell history keep it: set {parameter.EnvironmentVariable} instead.");
            }

            if (converter.TryConvert(parameter.Type, raw, out var value, out var problem))
            {
                values.Set(parameter, value);
            }
            else
            {
                var shown = parameter.IsSecret ? "the secret value" : $"'{raw[^1]}'";
                var detail = parameter.IsSecret ? "" : $" {problem}";
                errors.Add($"{parameter.Flag} (from {Describe(parameter, origin)}): {shown} is not a valid {ParameterValueConverter.Describe(parameter.Type)}.{detail}");
            }
        }

        if (errors.Count > 0)
        {
            throw new BuildConfigurationException(string.Join(Environment.NewLine, errors));
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

    private static bool TryFindSource(
        ParameterDescriptor parameter,
        IReadOnlyDictionary<ParameterDescriptor, List<string>> arguments,
        IReadOnlyDictionary<string, string> environment,
        Dictionary<ParameterDescriptor, IReadOnlyList<string>> file,
        out IReadOnlyList<string> raw,
        out ParameterOrigin origin)
    {
        if (arguments.TryGetValue(parameter, out var fromArguments))
        {
            (raw, origin) = (fromArguments, ParameterOrigin.Argument);
            return true;
        }

        // An empty variable counts as unset: CI systems expand a missing secret to "".
        if (environment.TryGetValue(parameter.EnvironmentVariable, out var fromEnvironment) && fromEnvironment.Length > 0)
        {
            (raw, origin) = ([fromEnvironment], ParameterOrigin.Environment);
            return true;
        }

        if (file.TryGetValue(parameter, out var fromFile))
        {
            (raw, origin) = (fromFile, ParameterOrigin.ParametersFile);
            return true;
        }

        (raw, origin) = ([], ParameterOrigin.Argument);
        return false;
    }

    private static string Describe(ParameterDescriptor parameter, ParameterOrigin origin) => origin switch
    {
        ParameterOrigin.Argument => "the command line",
        ParameterOrigin.Environment => $"environment variable {parameter.EnvironmentVariable}",
        _ => ParametersFile.RelativePath,
    };
}
