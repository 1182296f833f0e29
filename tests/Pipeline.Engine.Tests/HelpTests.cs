using Pipeline.Engine.Tests.Builds;
using Pipeline.Engine.Tests.Support;

namespace Pipeline.Engine.Tests;

public sealed class HelpTests
{
    [Fact]
    public async Task Help_ListsTargetsWithDescriptionDefaultAndDependencies()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["--help"]);

        run.ExitCode.Should().Be(0);
        run.Lines.Should().Contain(line => line.Contains("Deploy (default)") && line.Contains("Applies manifests") && line.EndsWith("→ Render"));
        run.Lines.Should().Contain(line => line.Contains("Push") && line.Contains("Pushes the image") && line.EndsWith("→ Image"));
    }

    [Fact]
    public async Task Help_ListsParametersWithEnvironmentNameTypeDefaultAndSecretMarkerButNeverASecretValue()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["-h"], new() { ["REGISTRY_PASSWORD"] = "hunter2-very-secret" });

        run.Lines.Should().Contain(line => line.Contains("--registry-password") && line.Contains("REGISTRY_PASSWORD") && line.Contains("(secret)"));
        run.Lines.Should().Contain(line => line.Contains("--image-name") && line.Contains("IMAGE_NAME") && line.Contains("string") && line.Contains("(default: orders-api)"));
        run.Lines.Should().Contain(line => line.Contains("--registry-port") && line.Contains("REGISTRY_PORT") && line.Contains("Port") && line.Contains("(default: 5000)"));
        run.Output.Should().NotContain("hunter2-very-secret");
    }

    [Fact]
    public async Task Help_ShowsSettablePropertyDefaultsAndTypes()
    {
        var run = await BuildHarness.RunAsync<ParametersBuild>(["--help"]);

        run.Lines.Should().Contain(line => line.Contains("--configuration") && line.Contains("CONFIGURATION") && line.Contains("Debug|Release") && line.Contains("(default: Debug)"));
        run.Lines.Should().Contain(line => line.Contains("--flavour") && line.Contains("FLAVOUR") && line.Contains("(default: plain)"));
    }

    [Fact]
    public async Task Run_NoTargetAndNoDefault_PrintsHelp()
    {
        var run = await BuildHarness.RunAsync<NoDefaultBuild>([]);

        run.ExitCode.Should().Be(0);
        run.Output.Should().StartWith("Usage: build").And.Contain("Compiles");
        run.Table.Should().BeEmpty();
    }
}
