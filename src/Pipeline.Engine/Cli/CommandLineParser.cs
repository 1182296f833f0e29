using Pipeline.Engine.Parameters;

namespace Pipeline.Engine.Cli;

/// <summary>
/// Parses arguments. A parameter takes the next token as its value, except a bool, which takes it only when it
/// reads true or false (so <c>--no-rollback Deploy</c> works). <c>--skip</c> takes every following token up to
/// the next option.
/// </summary>
internal sealed class CommandLineParser(ParameterCatalog catalog)
{
    private static readonly string[] BuiltInOptions = ["--help", "--plan", "--verbose", "--skip"];

    public CommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new CommandLine();
        for (var index = 0; index < args.Count; index++)
        {
            var token = args[index];
            switch (token)
            {
                case "--help" or "-h" or "-?":
                    result.ShowHelp = true;
                    break;
                case "--plan":
                    result.ShowPlan = true;
                    break;
                case "--verbose":
                    result.Verbose = true;
                    break;
                case "--skip":
                    result.SkipGiven = true;
                    while (index + 1 < args.Count && !args[index + 1].StartsWith('-'))
                    {
                        result.SkipTargets.Add(args[++index]);
                    }

                    break;
                case ['-', '-', ..]:
                    index = ParseParameter(args, index, result);
                    break;
                case ['-', _, ..]:
                    result.Errors.Add($"Unknown option '{token}'.{ClosestMatch.Suggestion(ClosestMatch.Find(token, KnownOptions()))}");
                    break;
                default:
                    result.Targets.Add(token);
                    break;
            }
        }

        return result;
    }

    /// <summary>Reads one parameter and its value; returns the index of the last token consumed.</summary>
    private int ParseParameter(IReadOnlyList<string> args, int index, CommandLine result)
    {
        var token = args[index];
        var separator = token.IndexOf('=', StringComparison.Ordinal);
        var name = separator < 0 ? token[2..] : token[2..separator];
        var inlineValue = separator < 0 ? null : token[(separator + 1)..];
        var next = index + 1 < args.Count && !args[index + 1].StartsWith("--", StringComparison.Ordinal) ? args[index + 1] : null;

        var parameter = catalog.FindByName(name);
        if (parameter is null)
        {
            result.Errors.Add($"Unknown parameter '--{name}'.{ClosestMatch.Suggestion(ClosestMatch.Find("--" + name, KnownOptions()))}");

            // Its value (maybe a mistyped secret) must not be taken for a target name and echoed.
            return inlineValue is null && next is not null ? index + 1 : index;
        }

        string? value;
        if (inlineValue is not null)
        {
            value = inlineValue;
        }
        else if (parameter.IsFlag)
        {
            var nextIsBool = next is not null && bool.TryParse(next, out _);
            value = nextIsBool ? next : "true";
            index += nextIsBool ? 1 : 0;
        }
        else if (next is not null)
        {
            value = next;
            index++;
        }
        else
        {
            result.Errors.Add($"{parameter.Flag} needs a value ({ParameterValueConverter.Describe(parameter.Type)}).");
            return index;
        }

        if (!result.Arguments.TryGetValue(parameter, out var values))
        {
            result.Arguments[parameter] = values = [];
        }

        values.Add(value!);
        return index;
    }

    private IEnumerable<string> KnownOptions() => BuiltInOptions.Concat(catalog.Parameters.Select(parameter => parameter.Flag));
}
