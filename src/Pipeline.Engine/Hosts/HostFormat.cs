namespace Pipeline.Engine.Hosts;

/// <summary>How a CI host wants groups, annotations and masks written. Input is already masked.</summary>
internal abstract class HostFormat
{
    public static HostFormat For(CiHost host) => host == CiHost.GitHubActions ? new GitHubActionsFormat() : new PlainTextFormat();

    /// <summary>The command that makes the host hide a secret itself, if it has one.</summary>
    public virtual string? AddMask(string secret) => null;

    public abstract string GroupStart(string name);

    public abstract string? GroupEnd();

    public abstract string Warning(string message);

    public abstract string Error(string message);
}
