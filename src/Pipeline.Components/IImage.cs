using Microsoft.Extensions.Logging;
using Pipeline.Doctor;
using Pipeline.Engine;
using Pipeline.Image;
using Pipeline.Registry;
using Pipeline.Registry.Credentials;
using Pipeline.Version;

namespace Pipeline.Components;

/// <summary>
/// Image: builds <c>registry/artifact:v&lt;release&gt;</c> through the Engine API. Releases are immutable: when the
/// registry already holds that tag with the same content the build is skipped and the digest handed on; with
/// other content it fails before any side effect (unless <see cref="OverwriteTag"/>).
/// </summary>
public interface IImage : ICompile, IHazReleaseImage, IHazContainerEngine
{
    /// <summary>
    /// <c>local</c> builds an offline base from this machine's files; an image reference is pulled by the engine, with
    /// the login for its registry (the push credentials only when it is the push registry).
    /// </summary>
    [Parameter("Base image: 'local' (offline base from this machine) or an image reference; default: the Dockerfile's own")]
    BaseImage? BaseImage => Parameter<BaseImage?>(null);

    /// <summary>Further tags for the same image in the same repository (e.g. <c>latest</c>).</summary>
    [Parameter("Extra tags besides v<release>, comma-separated")]
    ImageTag[] ExtraTags => Parameter<ImageTag[]>([]);

    /// <summary>Build arguments as <c>KEY=VALUE</c>.</summary>
    [Parameter("Docker build arguments KEY=VALUE, repeatable")]
    BuildArgument[] BuildArgs => Parameter<BuildArgument[]>([]);

    /// <summary>The Dockerfile stage to build, or the last one.</summary>
    [Parameter("Dockerfile stage to build (default: the last)")]
    string? BuildTarget => Parameter<string?>(null);

    /// <summary>The build context; by default the published application.</summary>
    [Parameter("Image build context (default: the published application)")]
    AbsolutePath ImageContext => Parameter(PublishDirectory);

    /// <summary>Replace the release tag even when the registry holds other content under it.</summary>
    [Parameter("Replace v<release> in the registry even when it holds other content")]
    bool OverwriteTag => Parameter(false);

    /// <summary>Builds the release image, or skips it when the registry already has it; hands on the <see cref="ImageOutcome"/>.</summary>
    Target Image => _ => _
        .Description("Build the image and tag it registry/artifact:v<release> (skipped when the registry has that content)")
        .DependsOn(Compile)
        .Validates(cancellationToken => InputChecks.CheckAsync("--dockerfile", () => DockerfileCheck.CheckAsync(Dockerfile, BuildTarget, cancellationToken)))
        .Executes(async cancellationToken =>
        {
            var release = await ResolveReleaseAsync(cancellationToken);
            var releaseImage = ReleaseImage(release);
            // git (HEAD's revision and commit time, one call) answers while the engine and the registry are contacted.
            var source = Task.Run(async () => (Revision: await ResolveRevisionAsync(cancellationToken), Created: await ResolveCreatedAsync(cancellationToken)), cancellationToken);
            var engine = await ConnectEngineAsync(cancellationToken);
            using var registry = await ConnectRegistryAsync(cancellationToken);
            var credentials = await ResolveRegistryCredentialsAsync(cancellationToken);
            var build = ImageSettings(new ImageBuildRequest
            {
                Dockerfile = Dockerfile,
                ContextDirectory = ImageContext,
                IgnoreFile = IgnoreFile?.Value,
                Tags = [releaseImage, .. ExtraTags.Select(tag => releaseImage.WithTag(tag.Value))],
                BuildArguments = BuildArgument.ToDictionary(BuildArgs),
                TargetStage = BuildTarget,
                BaseImage = BaseImage,
                BaseImageCredentials = await ResolveBaseImageCredentialsAsync(cancellationToken),
                Version = release,
                Revision = (await source).Revision,
                Created = (await source).Created,
            });
            var outcome = await new ImageRelease(new EngineImageBuilder(engine, State<LocalImageLedger>(), Log, CliInputNames.Value), registry, Log, CliInputNames.Value).BuildAsync(new ImageReleaseRequest
            {
                Build = build,
                OverwriteTag = OverwriteTag,
                // Doctor's cheap checks (they only read); their one-line diagnosis wins over whatever error the work beside them met.
                Preflight = ct => Preflight.EnsureAsync(engine, new RegistryCheckRequest(Registry, credentials, Artifact.Value) { ClientOptions = RegistryClientOptions, Inputs = CliInputNames.Value }, ct),
            }, cancellationToken);
            if (outcome.IsUnchanged)
            {
                Summary.Add("Image", $"{releaseImage}@{outcome.RegistryDigest} (unchanged)");
                throw new TargetSkippedException(outcome.UnchangedReason!, outcome);
            }

            return outcome;
        });

    /// <summary>
    /// The <c>.dockerignore</c> for the context: the context's own, else the one beside the Dockerfile (the
    /// published app has none of its own; the sample's keeps debug symbols out of the image).
    /// </summary>
    AbsolutePath? IgnoreFile =>
        File.Exists(ImageContext / ".dockerignore") ? null
        : Dockerfile.Parent is { } folder && File.Exists(folder / ".dockerignore") ? folder / ".dockerignore"
        : null;

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
