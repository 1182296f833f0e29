using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Xunit.Abstractions;

namespace Pipeline.Components.Tests;

/// <summary>The Compile target on the real sample: a second, unchanged run does not start dotnet publish.</summary>
public sealed class CompileSkipTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-compile-skip-").FullName;

    [Fact]
    public async Task Compile_NothingChangedSinceTheLastPublish_IsSkippedWithTheReasonUnlessForced()
    {
        (await RunAsync()).StatusOf("Compile").Should().Be("Succeeded");

        var unchanged = await RunAsync();

        unchanged.StatusOf("Compile").Should().Be("Skipped");
        unchanged.RowOf("Compile").Should().MatchRegex(@"inputs unchanged since the last publish \(\d+ files\)");
        unchanged.Output.Should().NotContain("> dotnet publish");
        var forced = await RunAsync("--force-compile");
        forced.StatusOf("Compile").Should().Be("Succeeded");
        forced.Output.Should().Contain("> dotnet publish");
    }

    [Fact]
    public async Task Compile_Platforms_PublishesOncePerPlatformBesideTheSinglePlatformFolder_AndSkipsWhenNoneChanged()
    {
        var publish = Path.Combine(_root, "artifacts", "publish");

        (await RunAsync("--platforms", "linux/amd64,linux/arm64")).StatusOf("Compile").Should().Be("Succeeded");
        var unchanged = await RunAsync("--platforms", "linux/amd64,linux/arm64");

        ElfMachine(Path.Combine(publish, "orders-api-linux-x64", "Orders.Api")).Should().Be(62, "x86-64");
        ElfMachine(Path.Combine(publish, "orders-api-linux-arm64", "Orders.Api")).Should().Be(183, "aarch64");
        Directory.Exists(Path.Combine(publish, "orders-api")).Should().BeFalse("the single-platform folder is left alone");
        unchanged.StatusOf("Compile").Should().Be("Skipped");
        unchanged.Output.Should().NotContain("> dotnet publish");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // e_machine of an ELF file: the apphost's CPU.
    private static ushort ElfMachine(string path)
    {
        var header = File.ReadAllBytes(path).AsSpan(0, 20);
        header[..4].ToArray().Should().Equal([0x7F, (byte)'E', (byte)'L', (byte)'F']);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(header[18..]);
    }

    private Task<ChainRun> RunAsync(params string[] args)
    {
        Directory.CreateDirectory(Path.Combine(_root, ".pipeline"));
        Directory.CreateDirectory(Path.Combine(_root, "home"));
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = Path.Combine(_root, "home"),
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? string.Empty,
        };
        string[] common = ["--artifact", "orders-api"];   // artifacts/ lies in this test's own folder
        return ChainRun.ExecuteAsync<SampleBuild>(["Compile", .. args, .. common], _root, environment, output, TimeSpan.FromMinutes(3));
    }
}
