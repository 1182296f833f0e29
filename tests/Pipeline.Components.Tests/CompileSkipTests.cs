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

    public void Dispose() => Directory.Delete(_root, recursive: true);

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
