namespace Pipeline.Engine.Hosts;

/// <summary>GitHub Actions workflow commands: groups, annotations, masks.</summary>
internal sealed class GitHubActionsFormat : HostFormat
{
    public override string? AddMask(string secret) => $"::add-mask::{Escape(secret)}";

    public override string GroupStart(string name) => $"::group::{Escape(name)}";

    public override string? GroupEnd() => "::endgroup::";

    public override string Warning(string message) => $"::warning::{Escape(message)}";

    public override string Error(string message) => $"::error::{Escape(message)}";

    // Workflow command data is one line: the runner decodes these escapes.
    private static string Escape(string data) =>
        data.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);
}
