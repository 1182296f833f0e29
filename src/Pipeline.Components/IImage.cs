using Microsoft.Extensions.Logging;
using Pipeline.Doctor;
using Pipeline.Engine;
using Pipeline.Image;
using Pipeline.Registry;
using Pipeline.Registry.Credentials;
using Pipeline.Registry.Http;
using Pipeline.Version;

namespace Pipeline.Components;

/// <summary>
/// Image: builds <c>registry/artifact:v&lt;release&gt;</c> through the Engine API. Releases are immutable: when the
/// registry already holds that tag with the same content the build is skipped and the digest handed on; with
/// other content it fails before any side effect (unless <see cref="OverwriteTag"/>).
/// </summary>
public interface IImage : ICompile, IHazRegistry, IHazRelease, IHazContainerEngine
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

    /// <summary>Builds the release image, or skips it when the registry already has it.</summary>
    Target Image => _ => _
        .Description("Build the image and tag it registry/artifact:v<release> (skipped when the registry has that content)")
        .DependsOn(Compile)
        .Validates(cancellationToken => InputChecks.CheckAsync("--dockerfile", () => DockerfileCheck.CheckAsync(Dockerfile, BuildTarget, cancellationToken)))
        .Executes(async cancellationToken =>
        {
            var chain = State<ChainState>();
            var release = await ResolveReleaseAsync(cancellationToken);
            var releaseImage = ReleaseImage(release);
            // git (HEAD's revision and commit time, one call) answers while the engine and the registry are contacted.
            var source = Task.Run(async () => (Revision: await ResolveRevisionAsync(cancellationToken), Created: await ResolveCreatedAsync(cancellationToken)), cancellationToken);
            var engine = await ConnectEngineAsync(cancellationToken);
            using var registry = await ConnectRegistryAsync(cancellationToken);
            // Doctor's cheap checks run beside the preparation and the release lookup below (all of them only read);
            // their one-line diagnosis is awaited first, so it wins over whatever error the others met.
            using var stopOnFailure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var credentials = await ResolveRegistryCredentialsAsync(cancellationToken);
            // On the thread pool: its first calls take a while to get ready and must not hold up the preparation.
            var preflight = Task.Run(() => Preflight.EnsureAsync(engine, new RegistryCheckRequest(Registry, credentials, Artifact.Value) { ClientOptions = RegistryClientOptions, Inputs = CliInputNames.Value }, cancellationToken), cancellationToken);

            var builder = new ImageBuilder(engine, new LocalBaseImage(engine, Log, CliInputNames.Value), Log, CliInputNames.Value);
            var request = ImageSettings(new ImageBuildRequest
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
            // The registry is asked for the release while the build is prepared; the engine receives the context
            // while both are decided, and builds only once the release is known to be absent (or to be replaced).
            var preparing = Task.Run(() => builder.PrepareAsync(request, stopOnFailure.Token), stopOnFailure.Token);
            var checking = new ReleaseGuard(registry, Log, CliInputNames.Value).CheckAsync(releaseImage, FingerprintAsync(preparing), OverwriteTag, stopOnFailure.Token);
            var deciding = DecideAsync(preflight, stopOnFailure, preparing, checking);
            PreparedImageBuild prepared;
            try
            {
                prepared = await preparing;
            }
            catch (Exception)
            {
                await deciding;   // a pre-flight diagnosis is reported before bad input, as the checks come first
                throw;
            }

            var built = await builder.BuildAsync(prepared, BuildWantedAsync(), cancellationToken);
            if (built is null)   // the registry already holds this content
            {
                var digest = (await deciding).Digest!.Value;
                await EnsureExtraTagsAsync(registry, releaseImage, digest, cancellationToken);
                chain.ImageDigest = digest;
                chain.UnchangedReason = $"{releaseImage} already holds this content ({digest})";
                Summary.Add("Image", $"{releaseImage}@{digest} (unchanged)");
                throw new TargetSkippedException(chain.UnchangedReason);
            }

            Log.LogInformation("Image {Id} tagged {Tags}", built.Id, string.Join(", ", built.Tags));

            // Recorded before the engine can create anything (the context ends only after a yes), with what each tag
            // held before, so CleanImages undoes exactly what the build did, even after a failure.
            async Task<bool> BuildWantedAsync()
            {
                if ((await deciding).IsSameContent)
                {
                    return false;
                }

                chain.BuildTags = await LocalTagSnapshot.TakeAsync(engine, request.Tags, cancellationToken);
                return true;
            }
        });

    /// <summary>
    /// The <c>.dockerignore</c> for the context: the context's own, else the one beside the Dockerfile (the
    /// published app has none of its own; the sample's keeps debug symbols out of the image).
    /// </summary>
    AbsolutePath? IgnoreFile =>
        File.Exists(ImageContext / ".dockerignore") ? null
        : Dockerfile.Parent is { } folder && File.Exists(folder / ".dockerignore") ? folder / ".dockerignore"
        : null;

    private static async Task<ContextFingerprint> FingerprintAsync(Task<PreparedImageBuild> preparing) => await (await preparing).Fingerprint;

    /// <summary>What the registry holds under the release, once the pre-flight checks have passed.</summary>
    private static async Task<ExistingRelease> DecideAsync(Task preflight, CancellationTokenSource stopOnFailure, Task<PreparedImageBuild> preparing, Task<ExistingRelease> checking)
    {
        await PassPreflightAsync(preflight, stopOnFailure, preparing, checking);
        return await checking;
    }

    /// <summary>Waits for the pre-flight checks; when they fail, stops the work beside them before reporting.</summary>
    private static async Task PassPreflightAsync(Task preflight, CancellationTokenSource stopOnFailure, params Task[] beside)
    {
        try
        {
            await preflight;
        }
        catch (Exception)
        {
            await stopOnFailure.CancelAsync();
            // Their outcome no longer matters (the pre-flight's diagnosis is the one reported), only that they stopped.
            await Task.WhenAll(beside).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>An unchanged release still gets extra tags it lacks (e.g. <c>latest</c>), retagged in the registry.</summary>
    private async Task EnsureExtraTagsAsync(RegistryClient registry, ImageReference releaseImage, Digest digest, CancellationToken cancellationToken)
    {
        foreach (var tag in ExtraTags)
        {
            var extra = releaseImage.WithTag(tag.Value);
            if ((await registry.FindAsync(extra, cancellationToken))?.Digest != digest)
            {
                await registry.TagAsync(releaseImage, tag.Value, cancellationToken);
                Log.LogInformation("Tagged {Extra} in the registry ({Digest}): the release itself is unchanged", extra.ToFamiliarString(), digest);
            }
        }
    }

    /// <summary>The release image reference: <c>registry/artifact:v&lt;release&gt;</c>.</summary>
    ImageReference ReleaseImage(ReleaseVersion release) => ImageReference.Create(Registry, Artifact.Value, release.ImageTag);

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

        var credentials = await new RegistryCredentialResolver(Environment, logger: Log).ResolveAsync(reference.Registry, cancellationToken: cancellationToken);
        MaskCredentials(credentials);
        Log.LogInformation("Base image registry {Registry}: {Credentials}", reference.Registry, credentials);
        return credentials;
    }
}
