namespace Pipeline.Image;

/// <summary>What <see cref="ApplicationPublisher.PublishAsync"/> did.</summary>
/// <param name="Published">False when the output was current and <c>dotnet publish</c> did not run.</param>
/// <param name="InputFiles">How many files (imports, sources, configuration, output) were compared with the last publish.</param>
public sealed record ApplicationPublishResult(bool Published, int InputFiles)
{
    /// <summary>Why nothing was published, for the summary; null when it was.</summary>
    public string? UnchangedReason => Published ? null : $"inputs unchanged since the last publish ({InputFiles} files)";
}
