using Pipeline.Image;

namespace Pipeline.Image.Tests;

public class ContextFingerprintTests
{
    private static readonly Dictionary<string, string> NoArguments = [];

    [Fact]
    public async Task ComputeAsync_IsStableForSameInputs()
    {
        using var folder = Sample();
        var first = await FingerprintAsync(folder, NoArguments, "base:1");
        File.SetLastWriteTimeUtc(Path.Combine(folder.Path, "app.dll"), DateTime.UtcNow.AddDays(-3));

        var second = await FingerprintAsync(folder, NoArguments, "base:1");

        second.Should().Be(first);
        first.Value.Should().MatchRegex("^sha256:[0-9a-f]{64}$");
        ContextFingerprint.FromLabel(first.Value).Should().Be(first);
    }

    [Fact]
    public async Task ComputeAsync_ChangesWithContentModeDockerfileArgumentsTargetAndBase()
    {
        using var folder = Sample();
        var original = await FingerprintAsync(folder, NoArguments, "base:1");
        var seen = new HashSet<ContextFingerprint> { original };

        seen.Add(await FingerprintAsync(folder, new Dictionary<string, string> { ["MODE"] = "release" }, "base:1")).Should().BeTrue("a build argument changes the build");
        seen.Add(await FingerprintAsync(folder, NoArguments, "base:2")).Should().BeTrue("another base image changes the build");
        seen.Add(await FingerprintAsync(folder, NoArguments, "base:1", target: "runtime")).Should().BeTrue("another target changes the build");

        folder.Write("app.dll", "changed");
        seen.Add(await FingerprintAsync(folder, NoArguments, "base:1")).Should().BeTrue("file content changes the build");

        File.SetUnixFileMode(Path.Combine(folder.Path, "app.dll"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        seen.Add(await FingerprintAsync(folder, NoArguments, "base:1")).Should().BeTrue("the file mode changes the build");

        folder.Write("Dockerfile", "FROM scratch\nCOPY . /srv\n");
        seen.Add(await FingerprintAsync(folder, NoArguments, "base:1")).Should().BeTrue("the Dockerfile changes the build");
    }

    [Fact]
    public async Task ComputeAsync_IgnoresFilesDockerIgnoreExcludes()
    {
        using var folder = Sample();
        folder.Write(".dockerignore", "*.pdb\n");
        var before = await FingerprintAsync(folder, NoArguments, null);

        folder.Write("app.pdb", "symbols");

        (await FingerprintAsync(folder, NoArguments, null)).Should().Be(before);
    }

    private static TemporaryFolder Sample()
    {
        var folder = new TemporaryFolder();
        folder.Write("Dockerfile", "FROM scratch\nCOPY . /app\n");
        folder.Write("app.dll", "original");
        return folder;
    }

    private static async Task<ContextFingerprint> FingerprintAsync(TemporaryFolder folder, Dictionary<string, string> arguments, string? baseImage, string? target = null)
    {
        var context = await BuildContext.CreateAsync(folder.Path, Path.Combine(folder.Path, "Dockerfile"), null, CancellationToken.None);
        return await ContextFingerprint.ComputeAsync(context, arguments, target, baseImage, CancellationToken.None);
    }
}
