namespace Pipeline.Image;

/// <summary>
/// The files MSBuild, NuGet and the SDK resolver look for in a project's folder and every folder above it: what a
/// publish reads besides the project, so each one (or its absence) is an input of the publish.
/// </summary>
public static class MsBuildProbes
{
    /// <summary>The probed file names (NuGet.config in each spelling a case-sensitive file system tells apart).</summary>
    public static IReadOnlyList<string> FileNames { get; } =
    [
        "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "Directory.Build.rsp",
        "NuGet.config", "nuget.config", "NuGet.Config", "global.json",
    ];
}
