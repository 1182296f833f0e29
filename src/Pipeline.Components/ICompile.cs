using CliWrap;
using Pipeline.Engine;
using Pipeline.Image;

namespace Pipeline.Components;

/// <summary>Compile: publishes the application self-contained for the image's platform into <see cref="IHazApplication.PublishDirectory"/>.</summary>
public interface ICompile : IHazApplication
{
    /// <summary>The build configuration of the published application.</summary>
    [Parameter("Build configuration of the published application")]
    string Configuration => Parameter("Release");

    /// <summary>The runtime the image runs on; self-contained so the image needs no .NET runtime.</summary>
    [Parameter("Runtime identifier of the image's platform")]
    string RuntimeIdentifier => Parameter("linux-x64");

    /// <summary>Run <c>dotnet publish</c> even when none of its inputs changed since the last publish.</summary>
    [Parameter("Publish even when no input changed since the last publish")]
    bool ForceCompile => Parameter(false);

    /// <summary>Publishes the application; skipped when its inputs and output are those of the last publish.</summary>
    Target Compile => _ => _
        .Description("Publish the application (self-contained) into the image's build context (skipped when nothing changed)")
        .Executes(async cancellationToken =>
        {
            var arguments = PublishArguments(
            [
                "publish", ApplicationProject, "--configuration", Configuration, "--runtime", RuntimeIdentifier,
                "--self-contained", "--output", PublishDirectory, "--nologo",
            ]);
            var publisher = new ApplicationPublisher(
                (dotNetArguments, token) => Cli.Wrap("dotnet").WithArguments(dotNetArguments).WithWorkingDirectory(RootDirectory).ExecuteLoggedAsync(Log, token),
                StageEnvironment.Of(this));
            var request = new ApplicationPublishRequest
            {
                Project = ApplicationProject,
                Arguments = arguments,
                OutputDirectory = PublishDirectory,
                Force = ForceCompile,
            };
            var published = await publisher.PublishAsync(request, cancellationToken);
            if (!published.Published)
            {
                throw new TargetSkippedException(published.UnchangedReason!);
            }
        });

    /// <summary>Settings hook: adjust the <c>dotnet publish</c> arguments without copying the target.</summary>
    IReadOnlyList<string> PublishArguments(IReadOnlyList<string> arguments) => arguments;
}
