using Pipeline.Image.Direct;
using Pipeline.Registry;
using Pipeline.Testing.Docker;

namespace Pipeline.Image.Tests.Direct.Plan;

public class DirectBuildPlannerSampleTests
{
    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Readable = (UnixFileMode)0b110_100_100;

    private static readonly string Sample = Path.Combine(RepositoryRoot.Find(), "samples", "Orders.Api");

    [Fact]
    public async Task PlanAsync_SampleDockerfilePlansOneLayerOfThePublishedFilesUnderApp()
    {
        using var folder = new PlanningFolder();
        folder.Write("Orders.Api", "elf", Executable);
        folder.Write("Orders.Api.dll", "dll", Readable);
        folder.Write("Orders.Api.pdb", "pdb", Readable);
        folder.Write("appsettings.json", "{}", Readable);
        folder.Write("appsettings.Development.json", "{}", Readable);
        folder.Write("wwwroot/site.css", "css", Readable);
        File.SetUnixFileMode(Path.Combine(folder.Context, "wwwroot"), Executable);
        var context = await BuildContext.CreateAsync(folder.Context, Path.Combine(Sample, "Dockerfile"), Path.Combine(Sample, ".dockerignore"), CancellationToken.None);

        var outcome = await DirectBuildPlanner.PlanAsync(new DirectBuildPlanRequest { Context = context, BaseImage = BaseImage.Local }, CancellationToken.None);

        var plan = outcome.Should().BeOfType<DirectBuildPlan>().Subject;
        plan.Base.Should().Be(DirectBuildBase.Local);
        plan.Layers.Should().ContainSingle();
        plan.Layers[0].Line.Should().Be(7);
        LayerListing.Of(plan.Layers[0]).Should().Equal(
            "/app/? 755 0:0",
            "/app/Orders.Api 755 0:0",
            "/app/Orders.Api.dll 644 0:0",
            "/app/appsettings.json 644 0:0",
            "/app/wwwroot/ 755 0:0",
            "/app/wwwroot/site.css 644 0:0");
        plan.Layers[0].Files.Single(file => file.ImagePath == "/app/Orders.Api.dll").SourcePath.Should().Be(Path.Combine(folder.Context, "Orders.Api.dll"));
        plan.Settings.User.Should().Be("1654:1654");
        plan.Settings.Env.Should().Equal("ASPNETCORE_URLS=http://+:8080", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1");
        plan.Settings.ExposedPorts.Should().Equal("8080/tcp");
        plan.Settings.Entrypoint.Should().Equal("/app/Orders.Api");
        plan.Settings.Cmd.Should().BeNull();
        plan.ClearsBaseCmd.Should().BeTrue("ENTRYPOINT resets the base's CMD");
        plan.Settings.WorkingDir.Should().BeNull();
    }

    [Fact]
    public async Task PlanAsync_SampleDockerfileWithoutBaseOverrideStartsFromItsDefault()
    {
        using var folder = new PlanningFolder();
        folder.Write("Orders.Api", "elf", Executable);

        var plan = await folder.PlannedAsync(await File.ReadAllTextAsync(Path.Combine(Sample, "Dockerfile")));

        plan.Base.Reference.Should().Be(ImageReference.Parse("mcr.microsoft.com/dotnet/runtime-deps:10.0"));
    }

    [Fact]
    public async Task PlanAsync_NamedBaseImageGoesToTheBaseImageArgument()
    {
        using var folder = new PlanningFolder();
        folder.Write("Orders.Api", "elf", Executable);
        var named = ImageReference.Parse("127.0.0.1:5000/bases/runtime:1");

        var plan = await folder.PlannedAsync(
            await File.ReadAllTextAsync(Path.Combine(Sample, "Dockerfile")),
            request => request with { BaseImage = BaseImage.FromReference(named) });

        plan.Base.Should().Be(DirectBuildBase.FromReference(named));
    }
}
