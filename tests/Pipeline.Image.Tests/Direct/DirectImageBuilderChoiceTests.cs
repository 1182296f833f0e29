using Pipeline.Image.Direct;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Testing.Registries;
using Pipeline.Version;

namespace Pipeline.Image.Tests.Direct;

public class DirectImageBuilderChoiceTests
{
    private static readonly DateTimeOffset Created = new(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);
    private static readonly string BaseCache = Path.Combine(Path.GetTempPath(), "pipeline-test-cache", "direct-base");

    [Fact]
    public async Task BuildAsync_WithTheChoiceBuildsTheContextAsTheChoiceReadIt()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        using var client = registry.CreateClient();
        using var app = new TemporaryFolder();
        var request = Request(app, registry, "v1");
        var choice = await ImageBuilderSelection.ChooseAsync(ImageBuilderKind.Auto, request with { Tags = [] }, StageInputNames.Neutral, CancellationToken.None);
        var asRead = await Builder(client).BuildAsync(request with { Tags = [Tag(registry, "as-read")] }, CancellationToken.None);

        app.Write("added-after-the-choice.txt", "not read by this build");
        var withChoice = await Builder(client, choice).BuildAsync(request, CancellationToken.None);
        var readAgain = await Builder(client).BuildAsync(request with { Tags = [Tag(registry, "read-again")] }, CancellationToken.None);

        withChoice.PushedDigest.Should().Be(asRead.PushedDigest, "the builder did not read the context again");
        withChoice.Fingerprint.Should().Be(asRead.Fingerprint, "the fingerprint is of the same reading of the context as the image");
        readAgain.PushedDigest.Should().NotBe(asRead.PushedDigest, "a build that reads the context sees the added file");
    }

    [Fact]
    public async Task BuildAsync_WithAChoiceForOtherInputsReadsItsOwnContext()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        using var client = registry.CreateClient();
        using var chosenFor = new TemporaryFolder();
        using var built = new TemporaryFolder();
        var choice = await ImageBuilderSelection.ChooseAsync(ImageBuilderKind.Auto, Request(chosenFor, registry, "v1") with { Tags = [] }, StageInputNames.Neutral, CancellationToken.None);
        var request = Request(built, registry, "v1");
        built.Write("only-here.txt", "the build's own context");

        var withChoice = await Builder(client, choice).BuildAsync(request, CancellationToken.None);
        var withoutChoice = await Builder(client).BuildAsync(request with { Tags = [Tag(registry, "own")] }, CancellationToken.None);

        withChoice.PushedDigest.Should().Be(withoutChoice.PushedDigest);
        withChoice.Fingerprint.Should().Be(withoutChoice.Fingerprint);
    }

    private static DirectImageBuilder Builder(RegistryClient client, ImageBuilderChoice? choice = null) =>
        new(client, new DirectLocalBase(BaseCache), new CapturingLogger(), choice: choice);

    private static ImageReference Tag(RegistryServer registry, string tag) => ImageReference.Parse($"{registry.Host}/shop:{tag}");

    private static ImageBuildRequest Request(TemporaryFolder app, RegistryServer registry, string tag)
    {
        var dockerfile = app.Write("Dockerfile", "FROM scratch\nCOPY . /srv\n");
        app.Write("hello.txt", "hello");
        return new ImageBuildRequest
        {
            Dockerfile = dockerfile,
            ContextDirectory = app.Path,
            Tags = [Tag(registry, tag)],
            Created = Created,
        };
    }
}
