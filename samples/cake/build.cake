// The Publish chain from Cake, through Pipeline's stage services (no Pipeline.Engine):
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
var inputs = new StageInputNames { Release = "--release", Registry = "--registry", RegistryUsername = "--registry-username", RegistryPassword = "REGISTRY_PASSWORD" };
var log = NullLogger.Instance;
IContainerEngine engine = null;
Digest? digest = null;
LocalTagSnapshot tags = null;

Setup(context => engine = new DockerEngineConnector(name => EnvironmentVariable(name), new ProvisionScript(log), log).ConnectAsync(default).GetAwaiter().GetResult());
// Like CleanImages: the local image goes even when a task failed.
Teardown(context =>
{
    if (tags != null) new ImageCleaner(engine, log).RemoveAsync(tags, default).GetAwaiter().GetResult();
});

Task("Compile").Does(() => DotNetPublish(project, new DotNetPublishSettings
{
    Configuration = "Release", Runtime = "linux-x64", SelfContained = true, OutputDirectory = publishDirectory,
}));

Task("Image").IsDependentOn("Compile").Does(async () =>
{
    var projectDirectory = project.Path.GetDirectory();   // the Dockerfile and .dockerignore sit beside the project
    tags = await LocalTagSnapshot.TakeAsync(engine, [image], default);   // what the tag held before, for the clean-up
    await new ImageBuilder(engine, new LocalBaseImage(engine, log, inputs), log, inputs).BuildAsync(new ImageBuildRequest
    {
        Dockerfile = projectDirectory.CombineWithFilePath("Dockerfile").FullPath,
        IgnoreFile = projectDirectory.CombineWithFilePath(".dockerignore").FullPath,
        ContextDirectory = publishDirectory.Path.MakeAbsolute(Context.Environment).FullPath,
        Tags = [image], BaseImage = BaseImage.Local, Version = release, Created = DateTimeOffset.UtcNow,
    }, default);
});

Task("Push").IsDependentOn("Image").Does(async () =>
{
    using var client = new RegistryClient(registry, credentials, new RegistryClientOptions { Inputs = inputs });
    digest = await new ImagePublisher(new ImagePusher(engine, log, inputs), client, log).PushAndVerifyAsync(image, credentials, null, default);
    Information("Pushed and verified {0}@{1}", image, digest);
});

Task("Render").IsDependentOn("Push").Does(async () =>
{
    var settings = new DeploymentSettings(artifact, image, release) { PushedDigest = digest };
    var file = await ManifestWriter.WriteAsync(ManifestRenderer.Render(settings), $"artifacts/k8s/{artifact}.yaml", default);
    Information("Rendered {0}", file);
});

RunTarget(Argument("target", "Render"));
