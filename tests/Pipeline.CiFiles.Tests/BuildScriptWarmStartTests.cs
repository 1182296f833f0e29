using System.Diagnostics;
using Pipeline.Testing.Docker;

namespace Pipeline.CiFiles.Tests;

/// <summary>
/// build.sh's warm start in a repository that uses the packages (samples/Shop, samples/consumer): their build.sh is
/// this repository's, but for the two lines that name what their build program is made from. A fake <c>dotnet</c>
/// on PATH satisfies global.json, counts its compiles and "runs" the program, so the tests see when build.sh compiles.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BuildScriptWarmStartTests : IDisposable
{
    private static readonly string[] OwnLines = ["BUILD_PROGRAM_INPUTS=", "BUILD_PROGRAM_VARIABLES="];

    // msbuild: "publishes" the program (its PublishDir gets a _build.dll) and counts the compile; the dll: says it ran.
    private const string FakeDotNet = """
        #!/usr/bin/env bash
        root="${0%/*}/.."
        if [[ "$1" == --version ]]; then echo 10.0.100; exit 0; fi
        if [[ "$1" == msbuild ]]; then
          for a in "$@"; do [[ "$a" == -p:PublishDir=* ]] && dir="${a#-p:PublishDir=}"; done
          mkdir -p "$dir" && touch "$dir/_build.dll" && echo compiled >> "$root/compiles"; exit 0
        fi
        echo "ran $*"
        """;

    private readonly string _repository = RepositoryRoot.Find();
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-build-sh-warm-").FullName;

    [Theory]
    [InlineData("samples/Shop")]
    [InlineData("samples/consumer")]
    public void SampleBuildSh_IsThisRepositorysWithItsOwnInputs(string sample)
    {
        var ours = File.ReadAllLines(Path.Combine(_repository, "build.sh"));
        var theirs = File.ReadAllLines(Path.Combine(_repository, sample, "build.sh"));

        theirs.Where(line => !IsOwnLine(line)).Should().Equal(ours.Where(line => !IsOwnLine(line)),
            "{0}/build.sh is a copy of ./build.sh in which only the {1} lines differ: copy it again after editing ./build.sh", sample, string.Join(" and ", OwnLines));
        theirs.Should().Contain(line => line.StartsWith("BUILD_PROGRAM_VARIABLES=", StringComparison.Ordinal) && line.Contains("PIPELINE_VERSION", StringComparison.Ordinal));
        theirs.Single(line => line.StartsWith("BUILD_PROGRAM_INPUTS=", StringComparison.Ordinal)).Should().NotContain(" src ", "the services' sources are not the build program's");
        File.Exists(Path.Combine(_repository, sample, "build", "dotnet-install.sha256")).Should().BeTrue("a cold start without an SDK runs only the pinned installer");
    }

    [Fact]
    public async Task WarmStart_CompilesOnceThenAgainWhenThePackagesVersionOrTheBuildChanges()
    {
        File.Copy(Path.Combine(_repository, "samples", "Shop", "build.sh"), Path.Combine(_root, "build.sh"));
        Directory.CreateDirectory(Path.Combine(_root, "build"));
        Directory.CreateDirectory(Path.Combine(_root, "src"));
        Directory.CreateDirectory(Path.Combine(_root, "fake-bin"));
        await File.WriteAllTextAsync(Path.Combine(_root, "build", "Build.cs"), "// the build\n");
        var dotnet = Path.Combine(_root, "fake-bin", "dotnet");
        await File.WriteAllTextAsync(dotnet, FakeDotNet.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        (await RunAsync("0.1.0")).Should().Contain("ran").And.Contain("_build.dll Publish");
        Compiles().Should().Be(1);
        await RunAsync("0.1.0");
        Compiles().Should().Be(1, "nothing the build program is made from changed");
        await WriteLaterAsync(Path.Combine(_root, "src", "Program.cs"));
        await RunAsync("0.1.0");
        Compiles().Should().Be(1, "a service's source is not an input of the build program");
        await RunAsync("0.2.0");
        Compiles().Should().Be(2, "another PIPELINE_VERSION restores other packages");
        await WriteLaterAsync(Path.Combine(_root, "build", "Build.cs"));
        await RunAsync("0.2.0");
        Compiles().Should().Be(3, "the build changed");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static bool IsOwnLine(string line) => OwnLines.Any(prefix => line.StartsWith(prefix, StringComparison.Ordinal));

    private int Compiles() => File.Exists(Path.Combine(_root, "compiles")) ? File.ReadAllLines(Path.Combine(_root, "compiles")).Length : 0;

    // A write the stamp's mtime comparison sees even on a file system with coarse timestamps.
    private static async Task WriteLaterAsync(string path)
    {
        await File.WriteAllTextAsync(path, "// changed\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
    }

    private async Task<string> RunAsync(string pipelineVersion)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(_root, "build.sh"), "Publish"])
        {
            WorkingDirectory = _root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PATH"] = $"{Path.Combine(_root, "fake-bin")}:/usr/bin:/bin";
        start.Environment["PIPELINE_VERSION"] = pipelineVersion;
        start.Environment.Remove("PIPELINE_REBUILD");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, await error);
        return output;
    }
}
