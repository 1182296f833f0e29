using System.Text.RegularExpressions;

namespace Pipeline.Engine.CiFiles;

/// <summary>
/// Checks a description before anything is written. Every name lands unquoted in YAML or inside single-quoted
/// Groovy, so each is held to a grammar that needs no escaping; an error names the value and the fix.
/// </summary>
internal static partial class CiDescriptionRules
{
    public static void Check(CiDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        Require(description.Name, WorkflowName(), "the workflow name", "lower-case letters, digits and '-', e.g. ci");
        Require(description.ReleaseTagPattern, TagPrefixGlob(), "the release tag pattern", "a prefix followed by '*', e.g. v*");
        Require(description.GitHubRunner, Label(), "the GitHub runner", "a runner label such as ubuntu-latest");
        if (description.TimeoutMinutes <= 0)
        {
            throw new ArgumentException($"the CI timeout {description.TimeoutMinutes} is not a positive number of minutes: give e.g. 90.");
        }

        if (description.Stages.Count == 0)
        {
            throw new ArgumentException("the CI description has no stage: add e.g. new CiStage(\"Test\", \"Test\").");
        }

        foreach (var (name, value) in description.Environment)
        {
            Require(name, VariableName(), "the variable", "UPPER_SNAKE_CASE, e.g. DOTNET_NOLOGO");
            Require(value, PlainValue(), $"the value of {name}", "letters, digits and . _ / : - only (secrets go in CiStage.Secrets)");
        }

        foreach (var stage in description.Stages)
        {
            CheckStage(stage);
        }

        // GitHub runs the every-build stages' job before the release ones; with a fan-out, the stage after it receives its
        // outputs, so both CI servers must run the stages in the same order.
        if (description.Stages.Any(stage => stage.FanOut is not null)
            && description.Stages.SkipWhile(stage => !stage.OnReleaseTag).FirstOrDefault(stage => !stage.OnReleaseTag) is { } late)
        {
            throw new ArgumentException(
                $"the CI stage '{late.Name}' runs on every build but follows a release stage, and the description fans out: "
                + "list the release stages after the others, so the stage after a fan-out is the same on GitHub and Jenkins.");
        }

        var duplicate = description.Stages.GroupBy(stage => stage.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"two CI stages are named '{duplicate.Key}': give each stage its own name.");
        }
    }

    private static void CheckStage(CiStage stage)
    {
        Require(stage.Name, Identifier(), "the stage name", "letters and digits, e.g. Publish");
        if (stage.Targets.Count == 0)
        {
            throw new ArgumentException($"the CI stage '{stage.Name}' runs no target: name at least one, e.g. nameof(ICompile.Compile).");
        }

        foreach (var target in stage.Targets)
        {
            Require(target, Identifier(), $"the target of stage '{stage.Name}'", "a target name, e.g. nameof(ICompile.Compile)");
        }

        foreach (var permission in stage.GitHubWritePermissions)
        {
            Require(permission, Label(), $"the GitHub permission of stage '{stage.Name}'", "a token scope such as contents or deployments");
        }

        if (stage.FanOut is { } fanOut)
        {
            CheckFanOut(stage, fanOut);
        }

        foreach (var secret in stage.Secrets)
        {
            var (variables, credentials) = secret switch
            {
                CiSecretText text => ((string?[])[text.Variable, text.GitHubSecret], (string?[])[text.JenkinsCredentialId]),
                CiUsernamePassword pair => ([pair.UsernameVariable, pair.PasswordVariable], [pair.JenkinsCredentialId]),
                CiSecretFile file => ([file.Variable, file.GitHubSecret], [file.JenkinsCredentialId]),
                _ => throw new ArgumentException(
                    $"the CI secret {secret} of stage '{stage.Name}' is of an unknown kind: use CiSecretText, CiUsernamePassword or CiSecretFile."),
            };
            foreach (var variable in variables)
            {
                Require(variable, VariableName(), $"the variable or GitHub secret of a secret of stage '{stage.Name}'", "UPPER_SNAKE_CASE");
            }

            foreach (var credential in credentials.OfType<string>())
            {
                Require(credential, Label(), $"the Jenkins credential of a secret of stage '{stage.Name}'", "letters, digits, '.', '_' or '-'");
            }
        }
    }

    private static void CheckFanOut(CiStage stage, CiFanOut fanOut)
    {
        Require(fanOut.Parameter, Flag(), $"the fan-out parameter of stage '{stage.Name}'", "a flag such as --services (DeclaredParameter.Flag spells it)");
        Require(fanOut.Output, FanOutOutput(), $"the fan-out output of stage '{stage.Name}'",
            $"a relative path with {CiFanOut.ValueToken} in its file name, e.g. artifacts/services/{CiFanOut.ValueToken}.json (one file per value)");
        if (fanOut.Values.Count == 0)
        {
            throw new ArgumentException($"the CI stage '{stage.Name}' fans out over no value: give at least one, or drop its FanOut.");
        }

        foreach (var value in fanOut.Values)
        {
            Require(value, Label(), $"the fan-out value of stage '{stage.Name}'", "letters, digits, '.', '_' or '-', e.g. catalog-api");
        }

        var twice = fanOut.Values.GroupBy(value => value, StringComparer.OrdinalIgnoreCase).FirstOrDefault(group => group.Count() > 1);
        if (twice is not null)
        {
            throw new ArgumentException($"the CI stage '{stage.Name}' fans out over '{twice.Key}' twice: give each value once.");
        }
    }

    private static void Require(string? value, Regex grammar, string what, string form)
    {
        if (value is null || !grammar.IsMatch(value))
        {
            throw new ArgumentException($"{what} '{value}' cannot be written into the CI files: use {form}.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*\\z")]
    private static partial Regex WorkflowName();

    [GeneratedRegex("^[A-Za-z0-9._/-]+\\*\\z")]
    private static partial Regex TagPrefixGlob();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*\\z")]
    private static partial Regex Label();

    [GeneratedRegex("^[A-Z_][A-Z0-9_]*\\z")]
    private static partial Regex VariableName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*\\z")]
    private static partial Regex Identifier();

    [GeneratedRegex("^--[a-z][a-z0-9-]*\\z")]
    private static partial Regex Flag();

    // Folders that cannot climb out of the root (no leading '.'), then a file name holding {value}.
    [GeneratedRegex("^(?:[A-Za-z0-9_][A-Za-z0-9._-]*/)*[A-Za-z0-9._-]*\\{value\\}[A-Za-z0-9._-]*\\z")]
    private static partial Regex FanOutOutput();

    [GeneratedRegex("^[A-Za-z0-9._/:-]*\\z")]
    private static partial Regex PlainValue();
}
