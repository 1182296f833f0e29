using CliWrap;

namespace Pipeline.Image.Tests.Direct;

/// <summary>
/// A small console app published self-contained once for linux-x64 and once for linux-arm64 (out/&lt;rid&gt;), with a
/// Dockerfile beside them that copies the publish output onto the base: shared by a test class, as a multi-platform
/// Compile leaves it.
/// </summary>
public sealed class PublishedPlatforms : IAsyncLifetime
{
    public static readonly Platform Amd64 = Platform.Parse("linux/amd64");
    public static readonly Platform Arm64 = Platform.Parse("linux/arm64");

    public PublishedPlatforms() => Root = Directory.CreateTempSubdirectory("pipeline-platforms-test-").FullName;

    public string Root { get; }

    public string Dockerfile => Path.Combine(Root, "Dockerfile");

    public string Context(Platform platform) => Path.Combine(Root, "out", platform.RuntimeIdentifier);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Root, "app"));
        await File.WriteAllTextAsync(Path.Combine(Root, "app", "App.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <InvariantGlobalization>true</InvariantGlobalization>
              </PropertyGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(Root, "app", "Program.cs"), "System.Console.WriteLine(\"one\");\n");
        await File.WriteAllTextAsync(Dockerfile, "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY . /app/\nENTRYPOINT [\"/app/App\"]\n");
        foreach (var platform in new[] { Amd64, Arm64 })
        {
            await Cli.Wrap("dotnet")
                .WithArguments(["publish", "app/App.csproj", "--configuration", "Release", "--runtime", platform.RuntimeIdentifier, "--self-contained", "--output", Context(platform), "--nologo"])
                .WithWorkingDirectory(Root)
                .ExecuteAsync();
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
