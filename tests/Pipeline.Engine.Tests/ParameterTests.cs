using Pipeline.Engine.Tests.Builds;
using Pipeline.Engine.Tests.Support;

namespace Pipeline.Engine.Tests;

public sealed class ParameterTests
{
    private static string BoundLine(BuildRun run) => run.Lines.Single(line => line.StartsWith("bound ", StringComparison.Ordinal));

    [Fact]
    public async Task Bind_NothingGiven_KeepsDefaultsInCode()
    {
        var run = await BuildHarness.RunAsync<ParametersBuild>([]);

        run.ExitCode.Should().Be(0);
        BoundLine(run).Should().Be(
            "bound Configuration=Debug Greeting=hello Retries=3 DryRun=False OutputDirectory=(null) Tags=latest ServicePort=(null) TimeoutSeconds=(null) Variant=plain");
    }

    [Fact]
    public async Task Bind_EveryKindOfValue_ConvertsToThePropertyType()
    {
        using var root = new TemporaryDirectory();

        var run = await BuildHarness.RunAsync<ParametersBuild>(
            ["--configuration", "release", "--greeting", "hi there", "--retries", "5", "--dry-run", "--output-directory", "out",
             "--tags", "a,b", "--tags", "c", "--service-port", "8080", "--timeout-seconds=30", "--flavour", "spicy"],
            root: root);

        run.ExitCode.Should().Be(0);
        BoundLine(run).Should().Be(
            $"bound Configuration=Release Greeting=hi there Retries=5 DryRun=True OutputDirectory={Path.Combine(root.Path, "out")} Tags=a+b+c ServicePort=8080 TimeoutSeconds=30 Variant=spicy");
    }

    [Fact]
    public async Task Bind_BoolFlag_TakesAnExplicitFalseButNotATargetName()
    {
        BoundLine(await BuildHarness.RunAsync<ParametersBuild>(["--dry-run", "false"])).Should().Contain("DryRun=False");
        var run = await BuildHarness.RunAsync<ParametersBuild>(["--dry-run", "Show"]);
        run.ExitCode.Should().Be(0);
        BoundLine(run).Should().Contain("DryRun=True");
    }

    [Fact]
    public async Task Bind_Precedence_ArgumentBeatsEnvironmentBeatsFileBeatsDefault()
    {
        using var root = new TemporaryDirectory();
        root.WriteParameters("""{ "greeting": "from-file", "Retries": 7, "Tags": ["x", "y"] }""");
        var environment = new Dictionary<string, string> { ["GREETING"] = "from-env", ["RETRIES"] = "8" };

        BoundLine(await BuildHarness.RunAsync<ParametersBuild>(["--greeting", "from-arg"], environment, root))
            .Should().Contain("Greeting=from-arg").And.Contain("Retries=8").And.Contain("Tags=x+y");
        BoundLine(await BuildHarness.RunAsync<ParametersBuild>([], environment, root))
            .Should().Contain("Greeting=from-env");
        BoundLine(await BuildHarness.RunAsync<ParametersBuild>([], [], root))
            .Should().Contain("Greeting=from-file").And.Contain("Retries=7");
    }

    [Fact]
    public async Task Bind_ComponentParameter_ReadsThroughTheInterfaceDefaultMember()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(
            ["Push", "--registry-port", "5001", "--image-name", "billing-api"], new() { ["REGISTRY_PASSWORD"] = "pw" });

        run.ExitCode.Should().Be(0);
        run.Output.Should().Contain("ran Image billing-api").And.Contain("ran Push to port 5001");
    }

    [Theory]
    [InlineData("--retries", "many", "'many' is not a valid int")]
    [InlineData("--configuration", "Relase", "'Relase' is not a valid Debug|Release. Expected one of Debug, Release.")]
    [InlineData("--service-port", "99999", "'99999' is not a valid Port. Expected a port number from 1 to 65535.")]
    public async Task Bind_UnparsableValue_Exits2NamingFlagValueAndExpectedFormBeforeAnyTarget(string flag, string value, string expected)
    {
        var run = await BuildHarness.RunAsync<ParametersBuild>([flag, value]);

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain($"{flag} (from the command line): {expected}");
        run.Output.Should().NotContain("bound ");
    }

    [Fact]
    public async Task Bind_UnparsableEnvironmentValue_NamesTheVariable()
    {
        var run = await BuildHarness.RunAsync<ParametersBuild>([], new() { ["RETRIES"] = "lots" });

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain("--retries (from environment variable RETRIES): 'lots' is not a valid int");
    }

    [Fact]
    public async Task Bind_UnknownParameter_Exits2WithClosestMatch()
    {
        var run = await BuildHarness.RunAsync<ParametersBuild>(["--greting", "hi"]);

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain("Unknown parameter '--greting'. Did you mean '--greeting'?");
        run.Output.Should().NotContain("Unknown target 'hi'");
    }

    [Fact]
    public async Task Bind_UnknownKeyInParametersFile_Exits2WithClosestMatch()
    {
        using var root = new TemporaryDirectory();
        root.WriteParameters("""{ "retires": 2 }""");

        var run = await BuildHarness.RunAsync<ParametersBuild>([], root: root);

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain("Unknown parameter 'retires' in .pipeline/parameters.json. Did you mean 'retries'?");
    }

    [Fact]
    public async Task Bind_MissingValue_Exits2()
    {
        var run = await BuildHarness.RunAsync<ParametersBuild>(["--retries"]);

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain("--retries needs a value (int)");
    }
}
