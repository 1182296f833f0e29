using System.Globalization;
using System.IO.Pipelines;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Image;

/// <summary>
/// Builds an image through the Engine API: sends the context (honouring <c>.dockerignore</c>), sets the base
/// image, OCI labels and the context fingerprint, uses the host network when the engine has no bridge, and on
/// failure reports the step and its output and removes what the failed build created.
/// </summary>
public sealed partial class ImageBuilder
{
    private readonly IContainerEngine _engine;
    private readonly LocalBaseImage _localBase;
    private readonly ILogger _logger;
    private readonly StageInputNames _inputs;
    private Task<string?>? _networkMode;

    /// <summary>Creates the builder.</summary>
    /// <param name="engine">The engine that builds.</param>
    /// <param name="localBase">Makes the offline base when the request asks for it.</param>
    /// <param name="logger">Where the build's output goes.</param>
    /// <param name="inputs">What the caller calls its base image input, for the failures that suggest one.</param>
    public ImageBuilder(IContainerEngine engine, LocalBaseImage localBase, ILogger logger, StageInputNames? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(localBase);
        ArgumentNullException.ThrowIfNull(logger);
        _engine = engine;
        _localBase = localBase;
        _logger = logger;
        _inputs = inputs ?? StageInputNames.Neutral;
    }

    /// <summary>Builds and tags the image.</summary>
    /// <exception cref="ImageBuildException">A step failed, the base image is unavailable, or the input is invalid.</exception>
    public async Task<BuiltImage> BuildAsync(ImageBuildRequest request, CancellationToken cancellationToken) =>
        await BuildAsync(await PrepareAsync(request, cancellationToken), cancellationToken);

    /// <summary>
    /// Everything a build decides before the engine runs: the context, the base image, the final build arguments,
    /// and the fingerprint, still being worked out. Callers compare the fingerprint with the registry (an immutable
    /// release) while the build sends its context.
    /// </summary>
    /// <exception cref="ImageBuildException">The input is invalid or the base image is unavailable.</exception>
    public async Task<PreparedImageBuild> PrepareAsync(ImageBuildRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Tags.Count == 0)
        {
            throw new ImageBuildException(ImageBuildFailureKind.InvalidInput, $"no tags for the image built from {request.Dockerfile}: pass at least one image reference to tag it with.");
        }

        await DockerfileCheck.CheckAsync(request.Dockerfile, request.TargetStage, cancellationToken);

        // The engine answers these while the context is read (in a fresh process most of their cost is getting the
        // client's code ready, which the second core does meanwhile). Both only read: the local base is imported,
        // when missing, once the input is known to be good.
        _ = NetworkModeAsync(cancellationToken);
        var presentLocalBase = request.BaseImage is { IsLocal: true }
            ? Task.Run(() => _localBase.FindAsync(cancellationToken), cancellationToken)
            : null;
        var context = await BuildContext.CreateAsync(request.ContextDirectory, request.Dockerfile, request.IgnoreFile, cancellationToken);
        var buildArguments = new Dictionary<string, string>(request.BuildArguments, StringComparer.Ordinal);
        var baseImage = await ResolveBaseImageAsync(request, context, buildArguments, presentLocalBase, cancellationToken);
        // Hashing a new context (106 MB for the sample) takes a few tenths of a second: it goes on while the context
        // is sent, as only the last entry of the tar (the labels) and the registry's comparison need it.
        var fingerprint = Task.Run(() => ContextFingerprint.ComputeAsync(context, buildArguments, request.TargetStage, baseImage, cancellationToken), cancellationToken);
        return new PreparedImageBuild(request, context, buildArguments, baseImage, fingerprint);
    }

    /// <summary>Builds and tags a prepared image.</summary>
    /// <exception cref="ImageBuildException">A step failed or the engine refused the build.</exception>
    public async Task<BuiltImage> BuildAsync(PreparedImageBuild prepared, CancellationToken cancellationToken) =>
        await BuildAsync(prepared, Task.FromResult(true), cancellationToken)
        ?? throw new InvalidOperationException("a build told to go ahead returned no image");

    /// <summary>
    /// Builds and tags a prepared image once <paramref name="proceed"/> says so, sending the context meanwhile. The
    /// engine reads the whole context before it runs a step, and the end of the context is sent only after a yes:
    /// a decision taken during the upload (the registry's answer on the release, the pre-flight checks) costs no
    /// time. After a no the upload is cut short and nothing is built; after a failure its exception is thrown.
    /// </summary>
    /// <returns>The image, or null when <paramref name="proceed"/> said no.</returns>
    /// <exception cref="ImageBuildException">A step failed or the engine refused the build.</exception>
    public async Task<BuiltImage?> BuildAsync(PreparedImageBuild prepared, Task<bool> proceed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(proceed);
        var (request, context, buildArguments, baseImage, fingerprinting) = prepared;
        var networkMode = await NetworkModeAsync(cancellationToken);

        // For the last stage the labels are one LABEL instruction appended to the Dockerfile we send, the tar's last
        // entry, so the fingerprint can be finished while the files before it are sent. A target stage takes them
        // as API labels, which must be known when the request starts.
        var labelling = LabelsAsync(request, fingerprinting, baseImage);
        var labelsInDockerfile = request.TargetStage is null;
        var apiLabels = labelsInDockerfile ? new Dictionary<string, string>() : await labelling;
        if (labelsInDockerfile)
        {
            context = await context.WithDockerfileAppendixAsync(async () => LabelInstruction.For(await labelling), cancellationToken);
        }

        var tagNames = request.Tags.Select(tag => tag.ToString()).ToList();
        var parameters = new ImageBuildParameters
        {
            Dockerfile = context.DockerfileName,
            Tags = tagNames,
            BuildArgs = new Dictionary<string, string>(buildArguments, StringComparer.Ordinal),
            Labels = apiLabels,
            Target = request.TargetStage,
            NetworkMode = networkMode,
            Remove = true,
            ForceRemove = true,
            NoCache = request.NoCache,
        };

        using var upload = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var decided = CutUploadUnlessAsync(proceed, upload);
        var transcript = new BuildTranscript(line => _logger.LogInformation("{BuildOutput}", line));
        EngineStreamResult result;
        try
        {
            result = await BuildStreamingAsync(context, parameters, BaseImageLogin(request), transcript, BeforeContextEndAsync, upload.Token);
        }
        catch (Exception exception)
        {
            if (!await decided)
            {
                await proceed;   // its failure is the reason; after a plain no, nothing was built
                return null;
            }

            if (exception is not Docker.DotNet.DockerApiException rejected)
            {
                throw;
            }

            // Requests the engine rejects before building (a Dockerfile it cannot parse) fail with an HTTP error.
            throw new ImageBuildException(ImageBuildFailureKind.EngineRejected,
                $"the engine refused to build {request.Tags[0].ToFamiliarString()} from {request.Dockerfile}: {EngineMessage(rejected)}. Fix the Dockerfile and build again.",
                transcript.CurrentStep, transcript.CurrentStepOutput, rejected);
        }
        finally
        {
            transcript.Flush();
            await upload.CancelAsync();   // an engine that failed early: the decision no longer matters
            await decided;
        }

        if (!result.Succeeded)
        {
            await RemoveCreatedImagesAsync(transcript, cancellationToken);
            throw Failure(request, _inputs, baseImage, transcript, result.Error!);
        }

        var id = result.LastAux("ID") ?? SuccessfullyBuilt(result)
            ?? throw new ImageBuildException(ImageBuildFailureKind.EngineRejected, $"the engine finished building {tagNames[0]} without naming the image: check the engine's log.");
        _logger.LogInformation("Built {Image} as {Id}", string.Join(", ", request.Tags.Select(tag => tag.ToFamiliarString())), id);
        return new BuiltImage(id, request.Tags, await fingerprinting, await labelling);

        async Task BeforeContextEndAsync()
        {
            if (!await decided)
            {
                throw new OperationCanceledException("the build is not wanted", upload.Token);
            }

            _logger.LogInformation("Building {Tags} from {Context} ({Files} entries, fingerprint {Fingerprint}{Network})",
                string.Join(", ", request.Tags.Select(tag => tag.ToFamiliarString())), context.Directory, context.Entries.Count, await fingerprinting,
                networkMode is null ? string.Empty : ", host network: the engine has no bridge");
        }
    }

    // True once proceed says yes; otherwise cancels the upload at once (not after the last file) and is false.
    private static async Task<bool> CutUploadUnlessAsync(Task<bool> proceed, CancellationTokenSource upload)
    {
        await ((Task)proceed).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (proceed.IsCompletedSuccessfully && proceed.Result)
        {
            return true;
        }

        await upload.CancelAsync();
        return false;
    }

    // The context tar is written into a pipe the engine reads from, as the docker CLI streams it: no temporary
    // copy of a context that can be hundreds of megabytes.
    private async Task<EngineStreamResult> BuildStreamingAsync(
        BuildContext context, ImageBuildParameters parameters, IReadOnlyList<AuthConfig>? registryLogins, BuildTranscript transcript, Func<Task> beforeContextEnd, CancellationToken cancellationToken)
    {
        // Room for a few large files in flight: the default 64 KB pause threshold stalls the writer on every chunk.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 16 << 20, resumeWriterThreshold: 8 << 20, minimumSegmentSize: 64 << 10));
        var writing = Task.Run(async () =>
        {
            try
            {
                // Completed by hand: disposing the stream would end the pipe normally even after a failure, and a tar
                // cut at an entry's end reads as a whole (smaller) context to the engine.
                await using (var tar = pipe.Writer.AsStream(leaveOpen: true))
                {
                    await context.WriteTarAsync(tar, beforeContextEnd, cancellationToken);
                }

                await pipe.Writer.CompleteAsync();
            }
            catch (Exception exception)
            {
                // The engine's read fails with it: the request is aborted, and the engine discards the partial context.
                await pipe.Writer.CompleteAsync(exception);
                throw;
            }
        }, cancellationToken);

        try
        {
            await using var reader = pipe.Reader.AsStream();
            return await _engine.BuildImageAsync(parameters, reader, registryLogins, transcript, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The engine only saw the upload break off; when a file could not be read, that is the reason to report.
            await pipe.Reader.CompleteAsync();
            await ((Task)writing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (writing.Exception?.InnerException is (IOException or UnauthorizedAccessException) and var unreadable)
            {
                throw ContextChanged("sending", context.Directory, unreadable);
            }

            throw;
        }
        finally
        {
            // If the engine stopped reading early, the writer must not wait for room in the pipe forever.
            await pipe.Reader.CompleteAsync();
            try
            {
                await writing;
            }
            catch (Exception)
            {
                // A writer failure reached the engine's read as the same exception (CompleteAsync above); here it
                // can only repeat it or come after the engine stopped reading, when the build's outcome counts.
            }
        }
    }

    // Asked once per builder, and again after a failure: a bridge network does not come and go between builds.
    private Task<string?> NetworkModeAsync(CancellationToken cancellationToken)
    {
        if (_networkMode is not { IsFaulted: false, IsCanceled: false })
        {
            // On the thread pool: the first call into the engine's client is slow to get ready, and the caller goes on.
            _networkMode = Task.Run(() => _engine.GetBuildNetworkModeAsync(cancellationToken), cancellationToken);
        }

        return _networkMode;
    }

    /// <summary>The named base image's registry login, for that registry alone: the engine sends none elsewhere.</summary>
    private static AuthConfig[]? BaseImageLogin(ImageBuildRequest request)
    {
        if (request is not { BaseImage.Reference: { } reference, BaseImageCredentials: { IsAnonymous: false } credentials })
        {
            return null;
        }

        // The engine keys Docker Hub by its v1 index URL and every other registry by host[:port].
        var server = reference.Registry.IsDockerHub ? "https://index.docker.io/v1/" : reference.Registry.ToString();
        return [new AuthConfig { ServerAddress = server, Username = credentials.Username, Password = credentials.Password, IdentityToken = credentials.IdentityToken }];
    }

    private async Task<string?> ResolveBaseImageAsync(
        ImageBuildRequest request, BuildContext context, Dictionary<string, string> buildArguments, Task<ImageReference?>? presentLocalBase, CancellationToken cancellationToken)
    {
        if (request.BaseImage is { } named)
        {
            var reference = named.IsLocal
                ? ((presentLocalBase is null ? null : await presentLocalBase) ?? await _localBase.EnsureAsync(cancellationToken)).ToString()
                : named.Reference!.Value.ToString();
            buildArguments[request.BaseImageArgument] = reference;
            return reference;
        }

        // Nobody named a base: the Dockerfile's defaults must already be here. Letting the engine pull them would
        // reach out to a registry the user never mentioned (and hang on an offline machine).
        var dockerfileText = await File.ReadAllTextAsync(context.DockerfilePath, cancellationToken);
        foreach (var image in DockerfileBaseImages.Read(dockerfileText, buildArguments, context.DockerfilePath))
        {
            if (await _engine.InspectImageAsync(image, cancellationToken) is null)
            {
                throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
                    $"the base image {image} (from {context.DockerfilePath}) is not on this machine and no base image was named, so it is not pulled: "
                    + $"set {_inputs.BaseImage} to 'local' to build an offline base, or to {image} to pull it.");
            }
        }

        return null;
    }

    /// <summary>A context file that went away or became unreadable while the build read it: the user's folder changed under it.</summary>
    private static ImageBuildException ContextChanged(string reading, string directory, Exception unreadable) =>
        new(ImageBuildFailureKind.InvalidInput,
            $"{reading} the build context {directory} failed: {unreadable.Message} Nothing was built; build again once nothing else changes the folder.",
            innerException: unreadable);

    internal static async Task<Dictionary<string, string>> LabelsAsync(ImageBuildRequest request, Task<ContextFingerprint> fingerprinting, string? baseImage)
    {
        ContextFingerprint fingerprint;
        try
        {
            fingerprint = await fingerprinting;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The fingerprint reads the files beside the upload; a file deleted before it got there fails here first.
            throw ContextChanged("fingerprinting", request.ContextDirectory, exception);
        }

        var labels = new Dictionary<string, string>(request.Labels, StringComparer.Ordinal)
        {
            [OciLabels.Created] = request.Created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            [ContextFingerprint.LabelName] = fingerprint.Value,
        };
        if (request.Version is { } version)
        {
            labels[OciLabels.Version] = version.ToString();
        }

        if (request.Revision is { } revision)
        {
            labels[OciLabels.Revision] = revision.Sha;
        }

        if (request.Source is { } source)
        {
            labels[OciLabels.Source] = source.ToString();
        }

        if (baseImage is not null)
        {
            labels[OciLabels.BaseName] = baseImage;
        }

        return labels;
    }

    private static ImageBuildException Failure(ImageBuildRequest request, StageInputNames inputs, string? baseImage, BuildTranscript transcript, string error)
    {
        var image = request.Tags[0].ToFamiliarString();
        var step = transcript.CurrentStep;
        var output = transcript.CurrentStepOutput.TrimEnd();
        if (step is null)
        {
            return new ImageBuildException(ImageBuildFailureKind.EngineRejected,
                $"the engine refused to build {image} from {request.Dockerfile}: {error}", step, output);
        }

        if (StepInstruction().Match(step) is { Success: true } match && string.Equals(match.Groups[1].Value, "FROM", StringComparison.OrdinalIgnoreCase))
        {
            var loginHint = request.BaseImage?.Reference is { } named && LoginRefused().IsMatch(error)
                ? $"{named.Registry} wants a login{(request.BaseImageCredentials is { IsAnonymous: false } given ? $" that accepts {given.Username}" : string.Empty)}: "
                    + $"give its credentials (a docker login or credential helper for {named.Registry}, or the push credentials when the base is in the push registry). "
                : string.Empty;
            return new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
                $"building {image} failed at {step}: the base image {baseImage ?? "named there"} cannot be pulled ({error}). "
                + loginHint + $"Set {inputs.BaseImage} to 'local' to build an offline base.", step, output);
        }

        var shown = string.Join('\n', output.Split('\n').TakeLast(20));
        return new ImageBuildException(ImageBuildFailureKind.StepFailed,
            $"building {image} failed at {step}: {error}" + (shown.Length > 0 ? $"\n{shown}" : string.Empty)
            + "\nFix the step in the Dockerfile (its output is above) and build again.", step, output);
    }

    // A failed build keeps the images of the steps that worked: remove them (newest first, never a tagged one,
    // never a cached one: those belong to earlier builds).
    private async Task RemoveCreatedImagesAsync(BuildTranscript transcript, CancellationToken cancellationToken)
    {
        foreach (var id in transcript.CreatedImageIds.Reverse())
        {
            var image = await _engine.InspectImageAsync(id, cancellationToken);
            if (image is null || image.RepoTags is { Count: > 0 })
            {
                continue;
            }

            try
            {
                await _engine.RemoveImageAsync(id, pruneUntaggedParents: false, cancellationToken);
                _logger.LogDebug("Removed image {Id} left by the failed build", id);
            }
            catch (Docker.DotNet.DockerApiException exception)
            {
                _logger.LogWarning("Could not remove image {Id} left by the failed build: {Reason}", id, exception.Message);
            }
        }
    }

    private static string EngineMessage(Docker.DotNet.DockerApiException exception)
    {
        var body = exception.ResponseBody?.Trim() ?? string.Empty;
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("message", out var message) ? message.GetString() ?? body : body;
        }
        catch (System.Text.Json.JsonException)
        {
            return body.Length > 0 ? body : exception.Message;
        }
    }

    private static string? SuccessfullyBuilt(EngineStreamResult result) => result.Messages
        .Select(message => message.Stream is { } stream ? SuccessLine().Match(stream) : Match.Empty)
        .Where(match => match.Success)
        .Select(match => match.Groups[1].Value)
        .LastOrDefault();

    [GeneratedRegex(@"^Step \d+/\d+ : (\S+)")]
    private static partial Regex StepInstruction();

    // How registries (and the engine) word a pull that needs credentials.
    [GeneratedRegex("unauthorized|no basic auth credentials|authentication required|denied", RegexOptions.IgnoreCase)]
    private static partial Regex LoginRefused();

    [GeneratedRegex(@"Successfully built ([0-9a-f]+)")]
    private static partial Regex SuccessLine();
}
