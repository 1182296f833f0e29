namespace Pipeline.Engine.Targets;

/// <summary>How the whole run ended; decides the exit code (0, 1, 130).</summary>
internal enum BuildStatus
{
    Succeeded,
    Failed,
    Cancelled,
}
