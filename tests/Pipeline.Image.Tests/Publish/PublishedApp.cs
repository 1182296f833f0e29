using CliWrap;
using Pipeline.Registry;

namespace Pipeline.Image.Tests.Publish;

/// <summary>
/// A small console project under a temp folder (app/), published with the real SDK into out/, shared by a test class:
/// every test leaves it published and current. The clock runs a minute ahead so the files just written count as settled.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    public PublishedApp()
    {
        Root = Directory.CreateTempSubdirectory("pipeline-publish-test-").FullName;
        Project = Path.Combine(Root, "app", "App.csproj");
        Output = Path.Combine(Root, "out");
        Publisher = new ApplicationPublisher(RunAsync, ProcessEnvironment.Current(), Path.Combine(Root, "cache"), LaterClock.OneMinute);
    }

    public string Root { get; }

    public string Project { get; }

    public string Output { get; }

    public ApplicationPublisher Publisher { get; }

    /// <summary>How many times <c>dotnet publish</c> built (the <c>-pp</c> evaluations not counted).</summary>
    public int Publishes { get; private set; }

    /// <summary>How many times MSBuild was asked for the import list (<c>-pp</c>).</summary>
    public int Preprocesses { get; private set; }

    /// <summary>The arguments of the last <c>dotnet publish</c> that built.</summary>
    public IReadOnlyList<string> LastPublishArguments { get; private set; } = [];

    /// <summary>Set by a test: the next publish runs, then reports a failure.</summary>
    public bool FailNextPublish { get; set; }

    public ApplicationPublishRequest Request(string configuration = "Release") => new()
    {
        Project = Project,
        Arguments = ["publish", Project, "--configuration", configuration, "--output", Output, "--nologo"],
        OutputDirectory = Output,
    };

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes the project file, with <paramref name="packageReference"/> (<c>Id/Version</c>) or <paramref name="projectReference"/> (a path from app/) when given.</summary>
    public string WriteProject(string? packageReference = null, string? projectReference = null) => Write("app/App.csproj", $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
          </PropertyGroup>
          {(packageReference?.Split('/') is [var id, var version] ? $"<ItemGroup><PackageReference Include=\"{id}\" Version=\"{version}\" /></ItemGroup>" : string.Empty)}
          {(projectReference is null ? string.Empty : $"<ItemGroup><ProjectReference Include=\"{projectReference}\" /></ItemGroup>")}
        </Project>
        """);

    public async Task InitializeAsync()
    {
        WriteProject();
        Write("app/Program.cs", "System.Console.WriteLine(\"one\");\n");
        await Publisher.PublishAsync(Request(), CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    private async Task RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var build = !arguments.Any(argument => argument.StartsWith("-pp:", StringComparison.Ordinal));
        Publishes += build ? 1 : 0;
        Preprocesses += build ? 0 : 1;
        LastPublishArguments = build ? arguments : LastPublishArguments;
        await Cli.Wrap("dotnet").WithArguments(arguments).WithWorkingDirectory(Root).ExecuteAsync(cancellationToken);
        if (build && FailNextPublish)
        {
            FailNextPublish = false;
            throw new InvalidOperationException("publish failed");
        }
    }
}
