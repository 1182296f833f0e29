using Microsoft.Extensions.Logging;
using Pipeline.Engine;
using Pipeline.Image;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Version;

namespace Pipeline.Services;

/// <summary>
/// Use case: the image half of a many-services run. Every service is decided first (<see cref="ServiceChanges"/>, one
/// manifest HEAD each, before anything is compiled); then, side by side up to <see cref="ServiceShipmentRequest.Parallelism"/>:
/// a changed service is published (<see cref="ApplicationPublisher"/>, into its own folder), built and pushed through the
/// image stage (<see cref="ImageBuilderSelection"/>, <see cref="ImageRelease"/>), verified (<see cref="PushVerifier"/>) and
/// recorded under its content tag; an unchanged one is retagged under <c>v&lt;release&gt;</c> with no upload. A service
/// that fails is reported with its error and does not stop the others. Each service's log lines come out as one block.
/// </summary>
public sealed class ServiceShipment
{
    private readonly RegistryClient _registry;
    private readonly Func<IReadOnlyList<string>, ILogger, CancellationToken, Task> _dotNet;
    private readonly Func<ImageBuilderChoice, IProgress<LayerProgress>?, ILogger, CancellationToken, Task<IImageBuilder>> _builderFor;
    private readonly Func<ImageReference, IProgress<LayerProgress>?, ILogger, CancellationToken, Task<Digest>>? _pushLocalImage;
    private readonly ServiceLayerProgress? _layerProgress;
    private readonly ProcessEnvironment _environment;
    private readonly ILogger _logger;
    private readonly StageInputNames _inputs;

    /// <summary>Creates the use case.</summary>
    /// <param name="registry">The registry of every service's image, with the push credentials.</param>
    /// <param name="dotNet">Runs the muxer with the arguments, logging its output to the service's logger; throws when it fails.</param>
    /// <param name="builderFor">The image builder for the choice <see cref="ImageBuilderSelection"/> made, reporting its layer pushes to the service's progress and logging to the service's logger.</param>
    /// <param name="environment">The build's environment, where <c>dotnet</c> is looked up.</param>
    /// <param name="logger">Where each service's block of log lines is written when it ends.</param>
    /// <param name="inputs">What the caller calls its inputs, for the fixes.</param>
    /// <param name="pushLocalImage">Pushes an image the engine builder left on the engine, reporting to the service's progress, and returns its digest; null when no engine is used.</param>
    /// <param name="layerProgress">Where each building service's layer pushes are shown; null shows none.</param>
    public ServiceShipment(
        RegistryClient registry,
        Func<IReadOnlyList<string>, ILogger, CancellationToken, Task> dotNet,
        Func<ImageBuilderChoice, IProgress<LayerProgress>?, ILogger, CancellationToken, Task<IImageBuilder>> builderFor,
        ProcessEnvironment environment,
        ILogger logger,
        StageInputNames? inputs = null,
        Func<ImageReference, IProgress<LayerProgress>?, ILogger, CancellationToken, Task<Digest>>? pushLocalImage = null,
        ServiceLayerProgress? layerProgress = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(dotNet);
        ArgumentNullException.ThrowIfNull(builderFor);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(logger);
        _registry = registry;
        _dotNet = dotNet;
        _builderFor = builderFor;
        _environment = environment;
        _logger = logger;
        _inputs = inputs ?? StageInputNames.Neutral;
        _pushLocalImage = pushLocalImage;
        _layerProgress = layerProgress;
    }

    /// <summary>Decides, then ships every service; the result lists each one in the request's order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The parallelism is below 1.</exception>
    /// <exception cref="RegistryException">The registry could not be asked for the decisions (nothing was done).</exception>
    public async Task<ServiceShipmentResult> ShipAsync(ServiceShipmentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Parallelism, 1, nameof(request.Parallelism));
        var decisions = await new ServiceChanges(_registry, _logger).DecideAsync(new ServiceChangesRequest(request.Sources, request.Release), cancellationToken);
        var locks = new SharedProjectLocks(request.Sources);
        var prebuilt = await BuildSharedProjectsAsync(decisions, request, cancellationToken);
        var shipped = new ShippedService[decisions.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, decisions.Count),
            new ParallelOptions { MaxDegreeOfParallelism = request.Parallelism, CancellationToken = cancellationToken },
            async (index, token) => shipped[index] = await ShipAsync(decisions[index], request, locks, prebuilt, token));
        return new ServiceShipmentResult(shipped);
    }

    // Changed services that reference one project would each build it, one after another (SharedProjectLocks): it is
    // built once here instead, and those whose references are all built then publish side by side without building
    // them (--no-dependencies). A project that fails here is left to each service's own publish, which reports it.
    private async Task<IReadOnlySet<AbsolutePath>> BuildSharedProjectsAsync(IReadOnlyList<ServiceDecision> decisions, ServiceShipmentRequest request, CancellationToken cancellationToken)
    {
        var built = new HashSet<AbsolutePath>();
        var shared = decisions.Where(decision => decision.State != ServiceChangeState.Unchanged)
            .SelectMany(decision => decision.Source.ReferencedProjects).GroupBy(project => project)
            .Where(users => users.Count() > 1).Select(users => users.Key).OrderBy(project => project.Value, StringComparer.Ordinal).ToList();
        if (shared.Count == 0 || request.Parallelism < 2)
        {
            return built;
        }

        var log = new ServiceLog("shared projects");
        try
        {
            foreach (var project in shared)
            {
                try
                {
                    await _dotNet(["build", project.Value, "--configuration", request.Values.Configuration, "--nologo"], log, cancellationToken);
                    built.Add(project);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    log.LogWarning("{Project} did not build ({Error}): each service that references it builds it in its own publish", project.Name, exception.Message);
                }
            }

            log.LogInformation("Built once for the services that reference them: {Projects}", built.Count == 0 ? "none" : string.Join(", ", built.Select(project => project.Name)));
        }
        finally
        {
            log.WriteTo(_logger);
        }

        return built;
    }

    private async Task<ShippedService> ShipAsync(
        ServiceDecision decision, ServiceShipmentRequest request, SharedProjectLocks locks, IReadOnlySet<AbsolutePath> prebuilt, CancellationToken cancellationToken)
    {
        var log = new ServiceLog(decision.Source.Service.Artifact.Value);
        try
        {
            log.LogInformation("{Decision}", decision.Detail);
            var images = new ServiceImages(_registry, log, _inputs);
            if (decision.State == ServiceChangeState.Unchanged)
            {
                var retagged = await images.RetagAsync(decision, request.OverwriteTag, cancellationToken);
                return new ShippedService(decision, ServiceShipmentAction.Retagged, retagged.Release, Error: null);
            }

            var context = request.PublishRoot / decision.Source.Service.Artifact.Value;
            var references = decision.Source.ReferencedProjects;
            if (references.Count > 0 && references.All(prebuilt.Contains))
            {
                await PublishAsync(decision.Source.Service, request, context, referencesBuilt: true, log, cancellationToken);
            }
            else
            {
                using (await locks.EnterAsync(decision.Source, cancellationToken))
                {
                    await PublishAsync(decision.Source.Service, request, context, referencesBuilt: false, log, cancellationToken);
                }
            }

            var progress = _layerProgress?.Invoke(decision.Source.Service.Artifact, log);
            var digest = await BuildAndPushAsync(decision, request, context, progress, log, cancellationToken);
            if (decision.Source.Fingerprint is not null)
            {
                await images.RecordAsync(decision.Source, digest, cancellationToken);
            }

            return new ShippedService(decision, ServiceShipmentAction.BuiltAndPushed, decision.Release.WithDigest(digest), Error: null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log.LogError("{Service} failed: {Error}", decision.Source.Service.Artifact, exception.Message);
            return new ShippedService(decision, ServiceShipmentAction.Failed, Image: null, exception.Message);
        }
        finally
        {
            log.WriteTo(_logger);
        }
    }

    private async Task PublishAsync(ServiceDefinition service, ServiceShipmentRequest request, AbsolutePath output, bool referencesBuilt, ILogger log, CancellationToken cancellationToken)
    {
        var publisher = new ApplicationPublisher((arguments, token) => _dotNet(arguments, log, token), _environment);
        var arguments = ApplicationPublishRequest.SelfContainedArguments(service.Project, request.Values.Configuration, request.Values.RuntimeIdentifier, output);
        var published = await publisher.PublishAsync(new ApplicationPublishRequest
        {
            Project = service.Project,
            Arguments = referencesBuilt ? [.. arguments, "--no-dependencies"] : arguments,
            OutputDirectory = output,
        }, cancellationToken);
        if (!published.Published)
        {
            log.LogInformation("Publish skipped: {Reason}", published.UnchangedReason);
        }
    }

    private async Task<Digest> BuildAndPushAsync(
        ServiceDecision decision, ServiceShipmentRequest request, AbsolutePath context, IProgress<LayerProgress>? progress, ILogger log, CancellationToken cancellationToken)
    {
        var dockerfile = decision.Source.Service.Dockerfile;
        var build = new ImageBuildRequest
        {
            Dockerfile = dockerfile,
            ContextDirectory = context,
            IgnoreFile = DockerIgnore.BesideDockerfile(dockerfile, context),
            Tags = [decision.Release],
            BuildArguments = request.Values.BuildArguments,
            BaseImage = request.BaseImage,
            BaseImageCredentials = request.BaseImageCredentials,
            Version = request.Release,
            Revision = request.Revision,
            Created = request.Created,
        };
        var choice = await ImageBuilderSelection.ChooseAsync(request.Builder, build, _inputs, cancellationToken);
        log.LogInformation("Image: the {Choice}", choice);
        var outcome = await new ImageRelease(await _builderFor(choice, progress, log, cancellationToken), _registry, log, _inputs)
            .BuildAsync(new ImageReleaseRequest { Build = build, OverwriteTag = request.OverwriteTag }, cancellationToken);
        if (outcome.IsUnchanged)
        {
            log.LogInformation("{Reason}", outcome.UnchangedReason);
            return outcome.RegistryDigest!.Value;
        }

        if (outcome.Built is { PushedDigest: { } pushed })
        {
            await new PushVerifier(_registry, log).VerifyAsync(decision.Release, pushed, "Pipeline's direct builder", cancellationToken);
            return pushed;
        }

        var push = _pushLocalImage
            ?? throw new ImageBuildException(ImageBuildFailureKind.NeedsEngine, $"{dockerfile} was built by the engine, and this run has no engine to push it from");
        return await push(decision.Release, progress, log, cancellationToken);
    }
}
