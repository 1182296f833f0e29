namespace Pipeline.Engine.Hosts;

/// <summary>Terminal, Jenkins and other CI servers: a ruled header per target, prefixed warnings and errors.</summary>
internal sealed class PlainTextFormat : HostFormat
{
    public override string GroupStart(string name) => $"──── {name} ────";

    public override string? GroupEnd() => null;

    public override string Warning(string message) => $"warning: {message}";

    public override string Error(string message) => $"error: {message}";
}
