using Microsoft.Extensions.Logging;
using Pipeline.Components.Progress;
using Pipeline.Doctor;
using Pipeline.Engine;
using Pipeline.Image;
using Pipeline.Image.Direct;
using Pipeline.Registry;
using Pipeline.Registry.Credentials;
using Pipeline.Version;

namespace Pipeline.Components;

/// <summary>
/// Image: builds <c>registry/artifact:v&lt;release&gt;</c>, with the direct builder (written and pushed by Pipeline, no
/// Docker engine) when the Dockerfile allows it, else through the Engine API. Releases are immutable: when the
/// registry already holds that tag with the same content the build is skipped and the digest handed on; with
/// other content it fails before any side effect (unless <see cref="IHazImageBuild.OverwriteTag"/>).
/// </summary>
public interface IImage : ICompile, IHazImageBuild, IHazReleaseImage, IHazContainerEngine
{
    /// <summary>Further tags for the same image in the same repository (e.g. <c>latest</c>).</summary>
    [Parameter("Extra tags besides v<release>, comma-separated")]
    ImageTag[] ExtraTags => Parameter<ImageTag[]>([]);

    /// <summary>The Dockerfile stage to build, or the last one.</summary>
    [Parameter("Dockerfile stage to build (default: the last)")]
    string? BuildTarget => Parameter<string?>(null);

    /// <summary>The build context; by default the published application.</summary>
    [Parameter("Image build context (default: the published application)")]
    AbsolutePath ImageContext => Parameter(PublishDirectory);

    /// <summary>Builds the release image, or skips it when the registry already has it; hands on the <see cref="ImageOutcome"/>.</summary>
    Target Image => _ => _
        .Description("Build the image and tag it registry/artifact:v<release> (skipped when the registry has that content)")
        .DependsOn(Compile)
        .Validates(cancellationToken => InputChecks.CheckAsync("--dockerfile", () => DockerfileCheck.CheckAsync(Dockerfile, BuildTarget, cancellationToken)))
        .Validates(() => PlatformChecks.CheckInputs(Platforms, Builder, BaseImage, Registry, CliInputNames.Value))
        .Executes(async cancellationToken =>
        {
            var build = await ImageBuildRequestAsync(cancellationToken);
            var releaseImage = build.Tags[0];
            using var registry = await ConnectRegistryAsync(cancellationToken);
            var credentials = await ResolveRegistryCredentialsAsync(cancellationToken);
            var registryCheck = new RegistryCheckRequest(Registry, credentials, Artifact.Value) { ClientOptions = RegistryClientOptions, Inputs = CliInputNames.Value };
            ImageBuilderChoice choice;
            try
            {
                choice = await ChooseImageBuilderAsync(cancellationToken);
            }
            catch (ImageBuildException)
            {
                // As when the build is prepared beside them, the pre-flight's one-line diagnosis comes before bad input.
                await Preflight.EnsureAsync(registryCheck, cancellationToken);
                throw;
            }

            Func<IProgress<LayerProgress>?, ILogger, IImageBuilder> builderFor;
            Func<CancellationToken, Task> preflight;
            if (choice.NeedsEngine)
            {
                var engine = await ConnectEngineAsync(cancellationToken);
                builderFor = (_, log) => new EngineImageBuilder(engine, State<LocalImageLedger>(), log, CliInputNames.Value);
                preflight = ct => Preflight.EnsureAsync(engine, registryCheck, ct);
            }
            else
            {
                await EnsureLocalBaseFilesAsync(build, cancellationToken);
                builderFor = (progress, log) => new DirectImageBuilder(
                    registry, new DirectLocalBase(DirectLocalBase.DefaultCacheFolder, CliInputNames.Value), log, inputs: CliInputNames.Value, progress: progress, choice: choice);
                preflight = ct => Preflight.EnsureAsync(registryCheck, ct);
            }

            Summary.Add("Image builder", choice.ToString());
            Task<ImageOutcome> ReleaseAsync(IProgress<LayerProgress>? progress, ILogger log) =>
                new ImageRelease(builderFor(progress, log), registry, log, CliInputNames.Value).BuildAsync(new ImageReleaseRequest
                {
                    Build = build,
                    OverwriteTag = OverwriteTag,
                    // Doctor's cheap checks (they only read); their one-line diagnosis wins over whatever error the work beside them met.
                    Preflight = preflight,
                }, cancellationToken);

            // The direct builder pushes as it builds: its layers show as the engine's push shows them (Push).
            var outcome = choice.NeedsEngine ? await ReleaseAsync(null, Log) : await PushProgressView.RunAsync(this, ReleaseAsync);
            if (outcome.IsUnchanged)
            {
                Summary.Add("Image", $"{releaseImage}@{outcome.RegistryDigest}{ImageIndexText(Platforms)} (unchanged)");
                throw new TargetSkippedException(outcome.UnchangedReason!, outcome);
            }

            return outcome;
        });

    /// <summary>The image build this run makes: the release image and its extra tags from the parameters, through <see cref="ImageSettings"/>.</summary>
    Task<ImageBuildRequest> ImageBuildRequestAsync(CancellationToken cancellationToken) => Once(async () =>
    {
        var release = await ResolveReleaseAsync(cancellationToken);
        var releaseImage = ReleaseImage(release);
        // git (HEAD's revision and commit time, one call) answers while the base image's login is resolved.
        var source = Task.Run(async () => (Revision: await ResolveRevisionAsync(cancellationToken), Created: await ResolveCreatedAsync(cancellationToken)), cancellationToken);
        var baseImageCredentials = await ResolveBaseImageCredentialsAsync(cancellationToken);
        return ImageSettings(ImageInputs with
        {
            Tags = [releaseImage, .. ExtraTags.Select(tag => releaseImage.WithTag(tag.Value))],
            BaseImageCredentials = baseImageCredentials,
            Version = release,
            Revision = (await source).Revision,
            Created = (await source).Created,
        });
    });

    /// <summary>" for linux/amd64, linux/arm64 (an image index)" after the image in the summary; empty for a single-platform image.</summary>
    internal static string ImageIndexText(IReadOnlyList<Platform> platforms) =>
        platforms.Count == 0 ? string.Empty : $" for {string.Join(", ", platforms)} (an image index)";

    /// <summary>What the image is built from (no release yet: Doctor chooses the builder from these alone).</summary>
    private ImageBuildRequest ImageInputs => new()
    {
        Dockerfile = Dockerfile,
        ContextDirectory = ImageContext,
        Platforms = [.. Platforms.Select(platform => new PlatformContext(platform, ICompile.PlatformFolder(ImageContext, platform)))],
        IgnoreFile = IgnoreFile?.Value,
        Tags = [],
        BuildArguments = BuildArgument.ToDictionary(BuildArgs),
        TargetStage = BuildTarget,
        BaseImage = BaseImage,
        Created = DateTimeOffset.UnixEpoch,
    };

    /// <summary>
    /// The builder that makes this run's image, from <see cref="IHazImageBuild.Builder"/> and the Dockerfile. Chosen on each call, not
    /// once per run: the direct builder's choice holds the context as read then, and Doctor may ask before Compile.
    /// </summary>
    async Task<ImageBuilderChoice> ChooseImageBuilderAsync(CancellationToken cancellationToken)
    {
        var choice = await ImageBuilderSelection.ChooseAsync(Builder, ImageSettings(ImageInputs), CliInputNames.Value, cancellationToken);
        Log.LogInformation("Image: the {Choice}", choice);
        return choice;
    }

    /// <summary>
    /// The offline base is made of this machine's busybox and runtime libraries; a direct build on a fresh root
    /// Debian machine installs busybox (and nothing of Docker's) when it is missing.
    /// </summary>
    private async Task EnsureLocalBaseFilesAsync(ImageBuildRequest build, CancellationToken cancellationToken)
    {
        var provisioner = new ProvisionScript(Log);
        if (build.BaseImage is { IsLocal: true } && !File.Exists("/bin/busybox") && provisioner.CanProvision)
        {
            await provisioner.ProvisionAsync("base", cancellationToken);
        }
    }

    /// <summary>
    /// The <c>.dockerignore</c> for the context: the context's own, else the one beside the Dockerfile (the
    /// published app has none of its own; the sample's keeps debug symbols out of the image).
    /// </summary>
    AbsolutePath? IgnoreFile =>
        DockerIgnore.BesideDockerfile(Dockerfile, ImageContext) is { } beside ? AbsolutePath.Create(beside) : null;

    /// <summary>Settings hook: adjust the build request (labels, build args, tags) without copying the target.</summary>
    ImageBuildRequest ImageSettings(ImageBuildRequest request) => request;

    /// <summary>
    /// The login for a named base image's registry: the push registry's own when the base lives there, else what the
    /// docker config or a credential helper holds for that registry. Push credentials never go to another registry.
    /// </summary>
    private async Task<RegistryCredentials?> ResolveBaseImageCredentialsAsync(CancellationToken cancellationToken)
    {
        if (BaseImage is not { Reference: { } reference })
        {
            return null;
        }

        if (reference.Registry == Registry)
        {
            return await ResolveRegistryCredentialsAsync(cancellationToken);
        }

        var credentials = await new RegistryCredentialResolver(StageEnvironment.Of(this), logger: Log).ResolveAsync(reference.Registry, cancellationToken: cancellationToken);
        MaskCredentials(credentials);
        Log.LogInformation("Base image registry {Registry}: {Credentials}", reference.Registry, credentials);
        return credentials;
    }
}
