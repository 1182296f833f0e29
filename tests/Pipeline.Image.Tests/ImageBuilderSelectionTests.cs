using Pipeline.Version;

namespace Pipeline.Image.Tests;

public sealed class ImageBuilderSelectionTests
{
    private static readonly StageInputNames Inputs = StageInputNames.Neutral with { ImageBuilder = "--builder" };

    [Fact]
    public async Task ChooseAsync_AutoWithAContainerlessDockerfile_ChoosesDirect()
    {
        using var app = new TemporaryFolder();
        var request = Request(app, "FROM scratch\nCOPY hello.txt /\n");

        var choice = await ImageBuilderSelection.ChooseAsync(ImageBuilderKind.Auto, request, Inputs, CancellationToken.None);

        choice.Kind.Should().Be(ImageBuilderKind.Direct);
        choice.Reason.Should().Be("the Dockerfile needs no container, so no Docker engine is used");
        choice.NeedsEngine.Should().BeFalse();
        choice.Plan.Should().NotBeNull("the build is handed the plan the choice was made by");
    }

    [Fact]
    public async Task ChooseAsync_AutoWithRun_ChoosesTheEngineNamingTheLine()
    {
        using var app = new TemporaryFolder();
        var request = Request(app, "FROM scratch\nCOPY hello.txt /\nRUN echo hi\n");

        var choice = await ImageBuilderSelection.ChooseAsync(ImageBuilderKind.Auto, request, Inputs, CancellationToken.None);

        choice.Kind.Should().Be(ImageBuilderKind.Engine);
        choice.Reason.Should().StartWith("line 3: ").And.Contain("RUN");
    }

    [Fact]
    public async Task ChooseAsync_DirectAskedWithRun_FailsNamingTheLineAndTheChoices()
    {
        using var app = new TemporaryFolder();
        var request = Request(app, "FROM scratch\nRUN echo hi\n");

        var act = () => ImageBuilderSelection.ChooseAsync(ImageBuilderKind.Direct, request, Inputs, CancellationToken.None);

        var thrown = (await act.Should().ThrowAsync<ImageBuildException>()).Which;
        thrown.Kind.Should().Be(ImageBuildFailureKind.NeedsEngine);
        thrown.Message.Should().Contain("line 2: ").And.EndWith("the direct builder asked for by --builder cannot build it: choose auto or engine");
    }

    [Fact]
    public async Task ChooseAsync_AutoWithABaseInAnotherRegistry_ChoosesTheDirectBuilder()
    {
        using var app = new TemporaryFolder();
        var request = Request(app, "FROM 127.0.0.2:5000/base:1\nCOPY hello.txt /\n");

        var choice = await ImageBuilderSelection.ChooseAsync(ImageBuilderKind.Auto, request, Inputs, CancellationToken.None);

        choice.Kind.Should().Be(ImageBuilderKind.Direct, "the direct builder fetches a base from its own registry");
        choice.Reason.Should().Be("the Dockerfile needs no container, so no Docker engine is used");
    }

    [Fact]
    public async Task ChooseAsync_EngineAsked_ChoosesTheEngineWithoutReadingTheContext()
    {
        var request = new ImageBuildRequest { Dockerfile = "/nonexistent/Dockerfile", ContextDirectory = "/nonexistent", Tags = [], Created = DateTimeOffset.UnixEpoch };

        var choice = await ImageBuilderSelection.ChooseAsync(ImageBuilderKind.Engine, request, Inputs, CancellationToken.None);

        choice.Should().Be(new ImageBuilderChoice(ImageBuilderKind.Engine, "--builder asks for it"));
    }

    [Fact]
    public async Task ChooseAsync_PlatformsWithAskedEngine_FailsBeforeAnyPlanning()
    {
        using var app = new TemporaryFolder();
        var request = WithPlatforms(app, Request(app, "FROM scratch\nCOPY hello.txt /\n"));

        var act = () => ImageBuilderSelection.ChooseAsync(ImageBuilderKind.Engine, request, Inputs with { Platforms = "--platforms" }, CancellationToken.None);

        (await act.Should().ThrowAsync<ImageBuildException>()).Which.Message.Should()
            .StartWith("--platforms builds one image per platform under an image index, which only the direct builder makes, and --builder asks for the engine builder");
    }

    [Fact]
    public async Task ChooseAsync_PlatformsWithADockerfileThatNeedsTheEngine_FailsNamingTheLine()
    {
        using var app = new TemporaryFolder();
        var request = WithPlatforms(app, Request(app, "FROM scratch\nRUN echo hi\n"));

        var act = () => ImageBuilderSelection.ChooseAsync(ImageBuilderKind.Auto, request, Inputs with { Platforms = "--platforms" }, CancellationToken.None);

        var thrown = (await act.Should().ThrowAsync<ImageBuildException>()).Which;
        thrown.Message.Should().StartWith("--platforms builds one image per platform under an image index").And.Contain("needs the engine builder: line 2: ");
    }

    private static ImageBuildRequest WithPlatforms(TemporaryFolder app, ImageBuildRequest request) => request with
    {
        Platforms = [new PlatformContext(Platform.Parse("linux/amd64"), app.Path), new PlatformContext(Platform.Parse("linux/arm64"), app.Path)],
    };

    private static ImageBuildRequest Request(TemporaryFolder app, string dockerfile)
    {
        app.Write("hello.txt", "hello");
        return new ImageBuildRequest
        {
            Dockerfile = app.Write("Dockerfile", dockerfile),
            ContextDirectory = app.Path,
            Tags = [],
            Created = DateTimeOffset.UnixEpoch,
        };
    }
}
