using Pipeline.Image;
using Pipeline.Testing.Docker;

namespace Pipeline.Image.Tests;

/// <summary>
/// A build that sends its context while a decision is pending (the registry's answer on the release, the pre-flight
/// checks) and builds only after a yes: against the real engine, with the whole context sent but its end held back.
/// </summary>
[Collection(DockerCollection.Name)]
public class ImageBuilderDecisionTests(DockerEngineFixture docker)
{
    // A bound for a wait that fails the test, never a pause that orders it: on time, the signals come in moments.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task BuildAsync_AfterANo_BuildsNothingAndReturnsNull()
    {
        using var folder = new TemporaryFolder();
        var (builder, prepared, run, logger, engine) = await PrepareAsync(folder, "no");
        var proceed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        var building = builder.BuildAsync(prepared, proceed.Task, CancellationToken.None);
        await engine.Received(await EntriesLengthAsync(prepared)).WaitAsync(Bound);
        engine.Ended.IsCompleted.Should().BeFalse("the end of the context waits for the decision");
        building.IsCompleted.Should().BeFalse("the engine waits for the end of the context");
        proceed.SetResult(false);

        (await building).Should().BeNull();
        engine.Ended.IsCompleted.Should().BeFalse("after a no the upload is cut short: the engine never gets a whole context");
        await ShouldHaveBuiltNothingAsync(prepared, run);
        logger.Text.Should().NotContain("Step 1/").And.NotContain("Building ");
    }

    [Fact]
    public async Task BuildAsync_WhenTheDecisionFails_ThrowsItsExceptionAndBuildsNothing()
    {
        using var folder = new TemporaryFolder();
        var (builder, prepared, run, _, engine) = await PrepareAsync(folder, "fails");
        var proceed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reason = new ImageBuildException(ImageBuildFailureKind.ReleaseExists, "v1.0.0 already holds other content");

        var building = builder.BuildAsync(prepared, proceed.Task, CancellationToken.None);
        await engine.Received(await EntriesLengthAsync(prepared)).WaitAsync(Bound);
        engine.Ended.IsCompleted.Should().BeFalse("the end of the context waits for the decision");
        proceed.SetException(reason);

        (await building.Awaiting(task => task).Should().ThrowAsync<ImageBuildException>()).Which.Should().BeSameAs(reason);
        engine.Ended.IsCompleted.Should().BeFalse("after a failed decision the upload is cut short");
        await ShouldHaveBuiltNothingAsync(prepared, run);
    }

    [Fact]
    public async Task BuildAsync_AfterAYes_BuildsWhatWasPrepared()
    {
        using var folder = new TemporaryFolder();
        var (builder, prepared, run, logger, engine) = await PrepareAsync(folder, "yes");
        var proceed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tag = prepared.Request.Tags[0];
        try
        {
            var building = builder.BuildAsync(prepared, proceed.Task, CancellationToken.None);
            await engine.Received(await EntriesLengthAsync(prepared)).WaitAsync(Bound);
            engine.Ended.IsCompleted.Should().BeFalse("the end of the context waits for the decision");
            logger.Text.Should().NotContain("Step 1/", "nothing runs before the decision");
            proceed.SetResult(true);

            var built = await building;
            engine.Ended.IsCompleted.Should().BeTrue("after a yes the engine got the whole context");

            built.Should().NotBeNull();
            var image = await docker.Engine.InspectImageAsync(tag.ToString(), CancellationToken.None);
            image!.ID.Should().Be(built!.Id);
            image.Config!.Labels.Should().Contain("io.pipeline.test-run", run).And.ContainKey(ContextFingerprint.LabelName);
            logger.Text.Should().Contain("Building ").And.Contain("Step 1/");
        }
        finally
        {
            await TestImages.RemoveAsync(docker, tag.ToString());
        }
    }

    [Fact]
    public async Task BuildAsync_FingerprintFinishedDuringTheUpload_LabelsTheImageWithIt()
    {
        using var folder = new TemporaryFolder();
        var (builder, prepared, run, logger, engine) = await PrepareAsync(folder, "late-fingerprint");
        var fingerprint = new TaskCompletionSource<ContextFingerprint>(TaskCreationOptions.RunContinuationsAsynchronously);
        var late = ContextFingerprint.FromLabel("sha256:" + new string('f', 64))!.Value;
        var tag = prepared.Request.Tags[0];
        try
        {
            var building = builder.BuildAsync(prepared with { Fingerprint = fingerprint.Task }, Task.FromResult(true), CancellationToken.None);
            var entries = await EntriesLengthAsync(prepared);
            await engine.Received(entries).WaitAsync(Bound);
            engine.Received(entries + 1).IsCompleted.Should().BeFalse("the labels, the tar's last entry, wait for the fingerprint");
            building.IsCompleted.Should().BeFalse("the engine waits for the end of the context");
            logger.Text.Should().NotContain("Step 1/");
            fingerprint.SetResult(late);

            var built = await building;

            built!.Fingerprint.Should().Be(late);
            var image = await docker.Engine.InspectImageAsync(tag.ToString(), CancellationToken.None);
            image!.Config!.Labels.Should().Contain(ContextFingerprint.LabelName, late.Value).And.Contain("io.pipeline.test-run", run);
        }
        finally
        {
            await TestImages.RemoveAsync(docker, tag.ToString());
        }
    }

    [Fact]
    public async Task BuildAsync_FileGoneBeforeItIsSent_FailsNamingItAndBuildsNothing()
    {
        using var folder = new TemporaryFolder();
        // With a target stage the Dockerfile is sent as it is, first: cut after it, the context would still build.
        var (builder, prepared, run, _, _) = await PrepareAsync(folder, "file-gone", targetStage: "app");
        File.Delete(Path.Combine(folder.Path, "data.bin"));

        var act = () => builder.BuildAsync(prepared, Task.FromResult(true), CancellationToken.None);

        var exception = (await act.Should().ThrowAsync<ImageBuildException>()).Which;
        exception.Kind.Should().Be(ImageBuildFailureKind.InvalidInput);
        exception.Message.Should().Contain("data.bin").And.Contain("Nothing was built");
        await ShouldHaveBuiltNothingAsync(prepared, run);
    }

    private async Task<(ImageBuilder Builder, PreparedImageBuild Prepared, string Run, CapturingLogger Logger, ContextWatchingEngine Engine)> PrepareAsync(TemporaryFolder folder, string purpose, string? targetStage = null)
    {
        var run = Guid.NewGuid().ToString("N");
        folder.Write("Dockerfile", $"ARG BASE_IMAGE\nFROM ${{BASE_IMAGE}} AS app\nLABEL io.pipeline.test-run={run}\nCOPY . /srv\n");
        folder.Write("data.bin", new string('d', 256 * 1024));
        folder.Write("app/settings.json", "{}");
        var logger = new CapturingLogger();
        var engine = new ContextWatchingEngine(docker.Engine);
        var builder = new ImageBuilder(engine, new LocalBaseImage(docker.Engine, logger), logger);
        var prepared = await builder.PrepareAsync(new ImageBuildRequest
        {
            Dockerfile = Path.Combine(folder.Path, "Dockerfile"),
            ContextDirectory = folder.Path,
            Tags = [TestImages.UniqueTag($"decision-{purpose}")],
            BaseImage = BaseImage.Local,
            TargetStage = targetStage,
            Created = DateTimeOffset.UtcNow,
        }, CancellationToken.None);
        return (builder, prepared, run, logger, engine);
    }

    // Every entry of the context folder, as the tar the engine reads holds them: all of it but the archive's end (two
    // empty 512-byte records), which the builder holds back, and the labelled Dockerfile it adds after them.
    private static async Task<long> EntriesLengthAsync(PreparedImageBuild prepared)
    {
        using var tar = new MemoryStream();
        await prepared.Context.WriteTarAsync(tar, CancellationToken.None);
        return tar.Length - 1024;
    }

    // The first step after FROM carries the run's label: any step the engine ran left an image with it.
    private async Task ShouldHaveBuiltNothingAsync(PreparedImageBuild prepared, string run)
    {
        (await docker.Engine.InspectImageAsync(prepared.Request.Tags[0].ToString(), CancellationToken.None)).Should().BeNull("nothing is tagged");
        (await docker.Engine.ListImagesAsync($"io.pipeline.test-run={run}", all: true, CancellationToken.None))
            .Should().BeEmpty("the engine ran no step of a build that was not wanted");
    }
}
