using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Testing.Docker;

namespace Pipeline.CiFiles.Tests;

/// <summary>
/// build.sh's cold start, where no SDK satisfies global.json and it downloads dotnet-install.sh: the download is run
/// only when its SHA-256 is the one build/dotnet-install.sha256 pins. A copy of build.sh in a temporary folder asks
/// for an SDK no machine has, and a fake curl on PATH "downloads" a script that leaves a mark when it runs.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BuildScriptInstallerTests : IDisposable
{
    private const string FakeInstaller = "#!/usr/bin/env bash\ntouch \"$(pwd)/installer-ran\"\n";

    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-build-sh-").FullName;

    public BuildScriptInstallerTests()
    {
        File.Copy(Path.Combine(RepositoryRoot.Find(), "build.sh"), Path.Combine(_root, "build.sh"));
        Directory.CreateDirectory(Path.Combine(_root, "build"));
        Directory.CreateDirectory(Path.Combine(_root, "fake-bin"));
        File.WriteAllText(Path.Combine(_root, "global.json"), "{ \"sdk\": { \"version\": \"99.0.100\", \"rollForward\": \"disable\" } }\n");
        File.WriteAllText(Path.Combine(_root, "fake-bin", "installer"), FakeInstaller);
        var curl = Path.Combine(_root, "fake-bin", "curl");
        // As build.sh calls it (curl -fsSL --retry 3 -o FILE URL): the "download" is the fake installer.
        File.WriteAllText(curl, "#!/usr/bin/env bash\nwhile [[ $# -gt 0 ]]; do if [[ $1 == -o ]]; then cp \"${0%/*}/installer\" \"$2\"; shift; fi; shift; done\n");
        File.SetUnixFileMode(curl, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task ColdStart_InstallerWithAnotherChecksumIsRemovedAndNotRun()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "build", "dotnet-install.sha256"), "# pinned\n" + new string('0', 64) + "\n");

        var (exitCode, error) = await RunBuildShAsync();

        exitCode.Should().Be(1);
        error.Should().Contain($"has SHA-256 {Sha256(FakeInstaller)}, but build/dotnet-install.sha256 pins {new string('0', 64)}; it was not run")
            .And.Contain("put its checksum in build/dotnet-install.sha256 if you trust it");
        File.Exists(Path.Combine(_root, "installer-ran")).Should().BeFalse();
        File.Exists(Path.Combine(_root, ".dotnet", "dotnet-install.sh")).Should().BeFalse("a refused download is not kept");
    }

    [Fact]
    public async Task ColdStart_InstallerWithThePinnedChecksumRuns()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "build", "dotnet-install.sha256"), "# pinned\n" + Sha256(FakeInstaller) + "\n");

        var (exitCode, error) = await RunBuildShAsync();

        File.Exists(Path.Combine(_root, "installer-ran")).Should().BeTrue(error);
        exitCode.Should().Be(1, "the fake installer installs no SDK");
        error.Should().Contain("does not satisfy global.json");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private async Task<(int ExitCode, string Error)> RunBuildShAsync()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(_root, "build.sh"), "--help"])
        {
            WorkingDirectory = _root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PATH"] = $"{Path.Combine(_root, "fake-bin")}:/usr/local/bin:/usr/bin:/bin";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await error);
    }
}
