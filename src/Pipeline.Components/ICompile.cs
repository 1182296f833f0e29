using CliWrap;
using Pipeline.Engine;

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

    /// <summary>Publishes the application.</summary>
    Target Compile => _ => _
        .Description("Publish the application (self-contained) into the image's build context")
        .Executes(async cancellationToken =>
        {
            var arguments = PublishArguments(
            [
                "publish", ApplicationProject, "--configuration", Configuration, "--runtime", RuntimeIdentifier,
                "--self-contained", "--output", PublishDirectory, "--nologo",
            ]);
            await Cli.Wrap("dotnet").WithArguments(arguments).WithWorkingDirectory(RootDirectory)
                .ExecuteLoggedAsync(Log, cancellationToken);
        });

    /// <summary>Settings hook: adjust the <c>dotnet publish</c> arguments without copying the target.</summary>
    IReadOnlyList<string> PublishArguments(IReadOnlyList<string> arguments) => arguments;
}
