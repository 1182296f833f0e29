// The Publish chain from Cake, through the same stage use cases as ./build.sh (no Pipeline.Engine): releases are
// immutable (the same content skips the build, other content under a released tag is refused before building),
// and the local image is removed even when a task fails.
//   dotnet tool restore && REGISTRY_PASSWORD=… dotnet cake --registry=HOST:PORT --registry-username=USER --release=1.2.3
// The packages come from the local feed in NuGet.config (Pipeline's ./build.sh Pack writes it).
#addin nuget:?package=Pipeline.Image&version=0.1.0-dev&loaddependencies=true
#addin nuget:?package=Pipeline.Manifests&version=0.1.0-dev&loaddependencies=true

using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Image;
using Pipeline.Manifests;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Version;

var registry = RegistryHost.Parse(Argument("registry", "localhost:5000"));
var release = ReleaseVersion.Parse(Argument<string>("release"));
var artifact = DnsLabel.Parse(Argument("artifact", "orders-api"));
var project = File(Argument("project", "../Orders.Api/Orders.Api.csproj"));
var publishDirectory = Directory("artifacts/publish") + Directory(artifact.ToString());
var image = ImageReference.Create(registry, artifact.ToString(), release.ImageTag);
var credentials = HasArgument("registry-username")   // the password only from the environment
    ? new RegistryCredentials(Argument<string>("registry-username"), EnvironmentVariable("REGISTRY_PASSWORD"), CredentialSource.Explicit("REGISTRY_PASSWORD"))
    : RegistryCredentials.Anonymous;
// What the stages' fixes call this script's inputs: its own argument names, not Pipeline's CLI flags.
var inputs = new StageInputNames { Release = "--release", OverwriteTag = "--overwrite-tag", Registry = "--registry", RegistryUsername = "--registry-username", RegistryPassword = "REGISTRY_PASSWORD" };
var log = NullLogger.Instance;
IContainerEngine engine = null;
var ledger = new LocalImageLedger();   // the local tags the build applies, for the clean-up
ImageOutcome outcome = null;
Digest? digest = null;

Setup(context => engine = new DockerEngineConnector(ProcessEnvironment.From(EnvironmentVariables()), new ProvisionScript(log), log).ConnectAsync(default).GetAwaiter().GetResult());
// Like CleanImages: the local image goes even when a task failed.
Teardown(context =>
{
    if (ledger.Applied is { } applied) new ImageCleaner(engine, log).RemoveAsync(applied, default).GetAwaiter().GetResult();
});

Task("Compile").Does(() => DotNetPublish(project, new DotNetPublishSettings
{
    Configuration = "Release", Runtime = "linux-x64", SelfContained = true, OutputDirectory = publishDirectory,
}));

Task("Image").IsDependentOn("Compile").Does(async () =>
{
    var projectDirectory = project.Path.GetDirectory();   // the Dockerfile and .dockerignore sit beside the project
    using var client = new RegistryClient(registry, credentials, new RegistryClientOptions { Inputs = inputs });
    outcome = await new ImageRelease(new EngineImageBuilder(engine, ledger, log, inputs), client, log, inputs).BuildAsync(new ImageReleaseRequest
    {
        Build = new ImageBuildRequest
        {
            Dockerfile = projectDirectory.CombineWithFilePath("Dockerfile").FullPath,
            IgnoreFile = projectDirectory.CombineWithFilePath(".dockerignore").FullPath,
            ContextDirectory = publishDirectory.Path.MakeAbsolute(Context.Environment).FullPath,
            Tags = [image], BaseImage = BaseImage.Local, Version = release, Created = DateTimeOffset.UtcNow,
        },
        OverwriteTag = HasArgument("overwrite-tag"),
    }, default);
    Information(outcome.IsUnchanged ? outcome.UnchangedReason : $"Built {outcome.Built.LocalImageId} as {image}");
});

Task("Push").IsDependentOn("Image").WithCriteria(() => !outcome.IsUnchanged, "the registry holds this release").Does(async () =>
{
    using var client = new RegistryClient(registry, credentials, new RegistryClientOptions { Inputs = inputs });
    digest = await new ImagePublisher(new ImagePusher(engine, log, inputs), client, log).PushAndVerifyAsync(image, credentials, null, default);
    Information("Pushed and verified {0}@{1}", image, digest);
});

Task("Render").IsDependentOn("Push").Does(async () =>
{
    var settings = new DeploymentSettings(artifact, image, release) { PushedDigest = digest ?? outcome.RegistryDigest };
    var file = await ManifestWriter.WriteAsync(ManifestRenderer.Render(settings), $"artifacts/k8s/{artifact}.yaml", default);
    Information("Rendered {0}", file);
});

RunTarget(Argument("target", "Render"));
