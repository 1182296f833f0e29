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

    [GeneratedRegex("^[A-Za-z0-9._/:-]*\\z")]
    private static partial Regex PlainValue();
}
