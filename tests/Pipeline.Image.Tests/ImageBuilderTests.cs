using Pipeline.Image;
using Pipeline.Registry;
using Pipeline.Testing.Docker;
using Pipeline.Testing.Registries;
using Pipeline.Version;

namespace Pipeline.Image.Tests;

[Collection(DockerCollection.Name)]
public class ImageBuilderTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task BuildAsync_LabelsImageWithOciValuesAndFingerprint()
    {
        using var folder = new TemporaryFolder();
        folder.Write("Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY . /srv\nRUN test -f /srv/data.txt && echo built-on-host-network\n");
        folder.Write("data.txt", "payload");
        folder.Write("skip.pdb", "symbols");
        folder.Write(".dockerignore", "*.pdb\n");
        var tag = TestImages.UniqueTag("labels");
        var created = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2));
        var logger = new CapturingLogger();
        var builder = new ImageBuilder(docker.Engine, new LocalBaseImage(docker.Engine, logger), logger);
        try
        {
            var built = await builder.BuildAsync(new ImageBuildRequest
            {
                Dockerfile = Path.Combine(folder.Path, "Dockerfile"),
                ContextDirectory = folder.Path,
                Tags = [tag],
                BaseImage = BaseImage.Local,
                Version = ReleaseVersion.Parse("1.2.3-rc.1"),
                Revision = new GitRevision(new string('a', 40)),
                Source = new Uri("https://github.com/acme/orders"),
                Created = created,
                // Quotes and a $ survive: labels are set in one quoted LABEL instruction, not expanded.
                Labels = new Dictionary<string, string> { ["team"] = "orders \"blue\" $HOME" },
            }, CancellationToken.None);

            var image = await docker.Engine.InspectImageAsync(tag.ToString(), CancellationToken.None);
            image.Should().NotBeNull();
            image!.ID.Should().Be(built.Id);
            image.Config!.Labels.Should().Contain(new Dictionary<string, string>
            {
                [OciLabels.Version] = "1.2.3-rc.1",
                [OciLabels.Revision] = new string('a', 40),
                [OciLabels.Source] = "https://github.com/acme/orders",
                [OciLabels.Created] = "2025-03-04T03:06:07Z",
                [ContextFingerprint.LabelName] = built.Fingerprint.Value,
                ["team"] = "orders \"blue\" $HOME",
            });
            image.Config!.Labels[OciLabels.BaseName].Should().StartWith("docker.io/pipeline/local-base:");
            logger.Text.Should().Contain("Step 3/").And.Contain("built-on-host-network").And.Contain("host network");
            var files = await docker.Engine.InspectImageAsync(tag.ToString(), CancellationToken.None);
            files.Should().NotBeNull();
        }
        finally
        {
            await TestImages.RemoveAsync(docker, tag.ToString());
        }
    }

    [Fact]
    public async Task BuildAsync_LineAStepPrintsInPiecesIsLoggedWhole()
    {
        // The engine streams what the step prints as it comes: the pause makes the halves two chunks. A secret printed
        // like this must reach the log as one line, the unit the masker works on.
        using var folder = new TemporaryFolder();
        folder.Write("Dockerfile", $"ARG BASE_IMAGE\nFROM ${{BASE_IMAGE}}\nRUN printf 'first-half-' && sleep 1 && printf 'second-half-{Guid.NewGuid():N}\\n'\n");
        var tag = TestImages.UniqueTag("pieces");
        var logger = new CapturingLogger();
        var builder = new ImageBuilder(docker.Engine, new LocalBaseImage(docker.Engine, logger), logger);
        try
        {
            await builder.BuildAsync(new ImageBuildRequest
            {
                Dockerfile = Path.Combine(folder.Path, "Dockerfile"),
                ContextDirectory = folder.Path,
                Tags = [tag],
                BaseImage = BaseImage.Local,
                Created = DateTimeOffset.UtcNow,
            }, CancellationToken.None);

            logger.Lines.Should().Contain(line => line.Contains("first-half-second-half-", StringComparison.Ordinal));
            logger.Lines.Should().NotContain(line => line.EndsWith("first-half-", StringComparison.Ordinal));
        }
        finally
        {
            await TestImages.RemoveAsync(docker, tag.ToString());
        }
    }

    [Fact]
    public async Task BuildAsync_PrivateBaseImageIsPulledWithItsRegistryLoginOnly()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        var logger = new CapturingLogger();
        var localBase = await new LocalBaseImage(docker.Engine, logger).EnsureAsync(CancellationToken.None);
        var privateBase = ImageReference.Parse($"{registry.Host}/{TestImages.RepositoryPrefix}base/private:{Guid.NewGuid():N}");
        await docker.Engine.TagImageAsync(localBase.ToString(), privateBase, CancellationToken.None);
        await new ImagePusher(docker.Engine, logger).PushAsync(privateBase, registry.Credentials, null, CancellationToken.None);
        await TestImages.RemoveAsync(docker, privateBase.ToString());   // only the registry has it now: the build must pull it
        using var folder = new TemporaryFolder();
        folder.Write("Dockerfile", $"ARG BASE_IMAGE\nFROM ${{BASE_IMAGE}}\nLABEL io.pipeline.test-run={Guid.NewGuid():N}\n");
        var tag = TestImages.UniqueTag("private-base");
        var builder = new ImageBuilder(docker.Engine, new LocalBaseImage(docker.Engine, logger), logger);
        ImageBuildRequest Request(RegistryCredentials? credentials) => new()
        {
            Dockerfile = Path.Combine(folder.Path, "Dockerfile"),
            ContextDirectory = folder.Path,
            Tags = [tag],
            BaseImage = BaseImage.FromReference(privateBase),
            BaseImageCredentials = credentials,
            Created = DateTimeOffset.UtcNow,
        };
        try
        {
            var anonymous = () => builder.BuildAsync(Request(null), CancellationToken.None);
            var refused = (await anonymous.Should().ThrowAsync<ImageBuildException>()).Which;
            refused.Kind.Should().Be(ImageBuildFailureKind.BaseImageUnavailable);
            refused.Message.Should().Contain($"{registry.Host} wants a login").And.Contain("give its credentials");

            var built = await builder.BuildAsync(Request(registry.Credentials), CancellationToken.None);

            (await docker.Engine.InspectImageAsync(tag.ToString(), CancellationToken.None))!.ID.Should().Be(built.Id);
            logger.Text.Should().NotContain(registry.Credentials.Password!);
        }
        finally
        {
            await TestImages.RemoveAsync(docker, tag.ToString());
            await TestImages.RemoveAsync(docker, privateBase.ToString());
        }
    }

    [Fact]
    public async Task BuildAsync_FailingStepThrowsWithStepAndOutputAndLeavesNoImage()
    {
        var run = Guid.NewGuid().ToString("N");
        using var folder = new TemporaryFolder();
        folder.Write("Dockerfile", $"ARG BASE_IMAGE\nFROM ${{BASE_IMAGE}}\nLABEL io.pipeline.test-run={run}\nENV STAGE=failing\nRUN echo output-before-failure && false\nLABEL never=reached\n");
        var tag = TestImages.UniqueTag("failing");
        var logger = new CapturingLogger();
        var builder = new ImageBuilder(docker.Engine, new LocalBaseImage(docker.Engine, logger), logger);
        await new LocalBaseImage(docker.Engine, logger).EnsureAsync(CancellationToken.None);
        var before = (await docker.Engine.ListImagesAsync(null, all: true, CancellationToken.None)).Select(i => i.ID).ToHashSet();

        var act = () => builder.BuildAsync(new ImageBuildRequest
        {
            Dockerfile = Path.Combine(folder.Path, "Dockerfile"),
            ContextDirectory = folder.Path,
            Tags = [tag],
            BaseImage = BaseImage.Local,
            Created = DateTimeOffset.UtcNow,
        }, CancellationToken.None);

        var exception = (await act.Should().ThrowAsync<ImageBuildException>()).Which;
        exception.Kind.Should().Be(ImageBuildFailureKind.StepFailed);
        // ARG is step 1; the build's labels are one LABEL step appended after the Dockerfile's own.
        exception.Step.Should().MatchRegex(@"^Step 5/\d+ : RUN echo output-before-failure && false$");
        exception.Output.Should().Contain("output-before-failure");
        exception.Message.Should().Contain(exception.Step).And.Contain("non-zero code");

        (await docker.Engine.InspectImageAsync(tag.ToString(), CancellationToken.None)).Should().BeNull("a failed build tags nothing");
        (await docker.Engine.ListImagesAsync($"io.pipeline.test-run={run}", all: true, CancellationToken.None))
            .Should().BeEmpty("the images of the steps that worked are removed");
        var after = await docker.Engine.ListImagesAsync(null, all: true, CancellationToken.None);
        after.Where(image => !before.Contains(image.ID))
            .Should().NotContain(image => image.Labels != null && image.Labels.ContainsKey("io.pipeline.test-run") && image.Labels["io.pipeline.test-run"] == run);
    }

    [Fact]
    public async Task BuildAsync_RefusesToPullUnnamedMissingBase()
    {
        using var folder = new TemporaryFolder();
        folder.Write("Dockerfile", "ARG BASE_IMAGE=registry.example.invalid/nothing/here:1\nFROM ${BASE_IMAGE}\n");
        var logger = new CapturingLogger();
        var builder = new ImageBuilder(docker.Engine, new LocalBaseImage(docker.Engine, logger), logger);

        var act = () => builder.BuildAsync(new ImageBuildRequest
        {
            Dockerfile = Path.Combine(folder.Path, "Dockerfile"),
            ContextDirectory = folder.Path,
            Tags = [TestImages.UniqueTag("nobase")],
            Created = DateTimeOffset.UtcNow,
        }, CancellationToken.None);

        var exception = (await act.Should().ThrowAsync<ImageBuildException>()).Which;
        exception.Kind.Should().Be(ImageBuildFailureKind.BaseImageUnavailable);
        exception.Message.Should().Contain("registry.example.invalid/nothing/here:1").And.Contain("set the base image to 'local' to build an offline base");
        logger.Text.Should().NotContain("Step 1/", "the engine is never asked to build (and pull)");
    }

    [Fact]
    public async Task BuildAsync_UsesDockerfileDefaultBaseWhenPresent()
    {
        var logger = new CapturingLogger();
        var localBase = await new LocalBaseImage(docker.Engine, logger).EnsureAsync(CancellationToken.None);
        using var folder = new TemporaryFolder();
        folder.Write("Dockerfile", $"ARG BASE_IMAGE={localBase.ToFamiliarString()}\nFROM ${{BASE_IMAGE}}\nLABEL io.pipeline.test-run={Guid.NewGuid():N}\n");
        var tag = TestImages.UniqueTag("default-base");
        try
        {
            var built = await new ImageBuilder(docker.Engine, new LocalBaseImage(docker.Engine, logger), logger).BuildAsync(new ImageBuildRequest
            {
                Dockerfile = Path.Combine(folder.Path, "Dockerfile"),
                ContextDirectory = folder.Path,
                Tags = [tag, tag.WithTag("second")],
                Created = DateTimeOffset.UtcNow,
            }, CancellationToken.None);

            var image = await docker.Engine.InspectImageAsync(built.Id, CancellationToken.None);
            image!.RepoTags.Should().BeEquivalentTo(tag.ToFamiliarString(), tag.WithTag("second").ToFamiliarString());
            image.Config!.Labels.Should().NotContainKey(OciLabels.BaseName);
        }
        finally
        {
            await TestImages.RemoveAsync(docker, tag.ToString(), tag.WithTag("second").ToString());
        }
    }

    [Fact]
    public async Task BuildAsync_DockerfileTheEngineCannotParseThrowsBuildException()
    {
        using var folder = new TemporaryFolder();
        folder.Write("Dockerfile", "FROM scratch\nCOPY\n");
        var tag = TestImages.UniqueTag("unparsable");
        var logger = new CapturingLogger();

        var act = () => new ImageBuilder(docker.Engine, new LocalBaseImage(docker.Engine, logger), logger).BuildAsync(new ImageBuildRequest
        {
            Dockerfile = Path.Combine(folder.Path, "Dockerfile"),
            ContextDirectory = folder.Path,
            Tags = [tag],
            Created = DateTimeOffset.UtcNow,
        }, CancellationToken.None);

        var exception = (await act.Should().ThrowAsync<ImageBuildException>()).Which;
        exception.Message.Should().Contain("COPY").And.Contain(tag.ToFamiliarString());
        (await docker.Engine.InspectImageAsync(tag.ToString(), CancellationToken.None)).Should().BeNull();
    }
}
