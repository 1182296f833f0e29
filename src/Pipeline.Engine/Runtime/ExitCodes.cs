namespace Pipeline.Engine.Runtime;

/// <summary>The process exit codes of a build.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int TargetFailed = 1;
    public const int UsageError = 2;

    /// <summary>128 + SIGINT, as shells report an interrupted command.</summary>
    public const int Cancelled = 130;
}
