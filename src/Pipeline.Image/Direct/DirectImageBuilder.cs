using Microsoft.Extensions.Logging;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Version;

namespace Pipeline.Image.Direct;

/// <summary>
/// The direct builder behind <see cref="IImageBuilder"/>: no engine. The Dockerfile is planned
/// (<see cref="DirectBuildPlanner"/>), its layers written as reproducible gzip'd tars (a .NET publish output split in
/// three) on the base's, described by a config and a schema 2 manifest, and pushed straight to the registry blob by
/// blob (HEAD first, upload what is missing, the config, then the manifest under each tag last), so a second push
/// of the same inputs uploads nothing and a code change uploads only the application's layer. With
/// <see cref="ImageBuildRequest.Platforms"/>, one such image per platform (pushed by digest) under an image index.
/// </summary>
public sealed class DirectImageBuilder : IImageBuilder
{
    private readonly RegistryClient _registry;
    private readonly DirectLocalBase _localBase;
    private readonly ILogger _logger;
    private readonly StageInputNames _inputs;
    private readonly string _workFolder;
    private readonly LayerPushReporter _layers;
    private readonly BaseRegistryConnector _connectBaseRegistry;
    private readonly ChosenPlan? _chosenPlan;

    /// <summary>Creates the builder.</summary>
    /// <param name="registry">The registry the image is pushed to (every tag must be in it).</param>
    /// <param name="localBase">Writes the offline base when the request asks for it; base layers fetched from another registry are cached beside it.</param>
    /// <param name="logger">Where progress goes.</param>
    /// <param name="workFolder">Where layers are written while they are pushed; the temp folder when null.</param>
    /// <param name="inputs">What the caller calls its inputs, for the fixes.</param>
    /// <param name="progress">Receives each layer's push progress, one report at a time, as the engine's push gives it.</param>
    /// <param name="connectBaseRegistry">
    /// Connects to a base image's registry when it is not <paramref name="registry"/>, with the request's
    /// <see cref="ImageBuildRequest.BaseImageCredentials"/>; a plain client by default.
    /// </param>
    /// <param name="choice">
    /// The choice of this builder (<see cref="ImageBuilderSelection.ChooseAsync"/>): a build of the inputs it was made
    /// for uses its plan, so the context and the Dockerfile are read once.
    /// </param>
    public DirectImageBuilder(
        RegistryClient registry,
        DirectLocalBase localBase,
        ILogger logger,
        string? workFolder = null,
        StageInputNames? inputs = null,
        IProgress<LayerProgress>? progress = null,
        BaseRegistryConnector? connectBaseRegistry = null,
        ImageBuilderChoice? choice = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(localBase);
        ArgumentNullException.ThrowIfNull(logger);
        _registry = registry;
        _localBase = localBase;
        _logger = logger;
        _workFolder = workFolder ?? Path.GetTempPath();
        _inputs = inputs ?? StageInputNames.Neutral;
        _layers = new LayerPushReporter(progress);
        _chosenPlan = choice?.Plan;
        _connectBaseRegistry = connectBaseRegistry ?? ((host, credentials) => new RegistryClient(host, credentials, new RegistryClientOptions { Inputs = _inputs }, _logger));
    }

    /// <inheritdoc />
    public ImageBuilderKind Kind => ImageBuilderKind.Direct;

    /// <summary>
    /// Plans the Dockerfile, reads the base (its settings make the plan exact: ENV expansion, WORKDIR), and starts the
    /// fingerprint. Nothing is written or pushed yet.
    /// </summary>
    /// <exception cref="ImageBuildException">
    /// Bad input, an unavailable base, or <see cref="ImageBuildFailureKind.NeedsEngine"/> naming the instruction's line.
    /// </exception>
    public async Task<IPreparedImage> PrepareAsync(ImageBuildRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var repositories = TargetRepositories(request);
        if (request.Platforms.Count == 0)
        {
            return await PrepareImageAsync(request, repositories, platform: null, cancellationToken);
        }

        var repeated = request.Platforms.GroupBy(entry => entry.Platform).FirstOrDefault(group => group.Count() > 1);
        if (repeated is not null)
        {
            throw new ImageBuildException(ImageBuildFailureKind.InvalidInput, $"{_inputs.Platforms} names {repeated.Key} twice: name each platform once.");
        }

        // One image per platform, each from its own publish output, prepared side by side.
        var images = await Task.WhenAll(request.Platforms.Select(entry => PrepareImageAsync(
            request with { ContextDirectory = entry.ContextDirectory, Platforms = [] }, repositories, entry.Platform, cancellationToken)));
        return new DirectPreparedIndex(this, request, images);
    }

    private async Task<DirectPreparedImage> PrepareImageAsync(ImageBuildRequest request, List<string> repositories, Platform? platform, CancellationToken cancellationToken)
    {
        // The choice's plan when it was made for these inputs: the context is not read again.
        var chosen = platform is null && _chosenPlan is { } handed && handed.Fits(request) ? handed : null;
        var planRequest = chosen?.Request ?? await DirectBuildPlanRequest.ForBuildAsync(request, cancellationToken);
        planRequest = platform is { } built ? planRequest with { Platform = built.ToString() } : planRequest;
        var context = planRequest.Context;
        var firstPlan = chosen?.Plan ?? Planned(await DirectBuildPlanner.PlanAsync(planRequest, cancellationToken), request);
        var baseImage = await ReadBaseAsync(firstPlan.Base, request, repositories[0], planRequest.Platform, platform, cancellationToken);
        // Planned again (the same context and text, nothing read) with the base's settings, known only now: Docker
        // expands variables with the base's ENV and resolves a relative WORKDIR against the base's.
        var plan = Planned(await DirectBuildPlanner.PlanAsync(planRequest with { BaseSettings = baseImage.Settings }, cancellationToken), request);
        var layers = plan.Layers.Select(layer => KeepBaseDirectories(layer, baseImage, request)).ToList();

        // The same fingerprint and labels as the engine builder, where the base is a build argument.
        var buildArguments = new Dictionary<string, string>(request.BuildArguments, StringComparer.Ordinal) { [request.BaseImageArgument] = baseImage.Name };
        var fingerprint = Task.Run(() => ContextFingerprint.ComputeAsync(context, buildArguments, request.TargetStage, baseImage.Name, cancellationToken), cancellationToken);
        return new DirectPreparedImage(this, request, repositories, baseImage, layers, plan.ApplyTo(baseImage.Settings), fingerprint, platform);
    }

    internal RegistryClient Registry => _registry;

    internal ILogger Logger => _logger;

    internal string WorkFolder => _workFolder;

    internal LayerPushReporter Layers => _layers;

    /// <summary>The layers written for earlier builds of the request's context, beside the local base's cache.</summary>
    internal LayerCache LayerCacheOf(ImageBuildRequest request) => LayerCache.Open(_localBase.CacheFolder, request.ContextDirectory, TimeProvider.System);

    private static DirectBuildPlan Planned(DirectBuildOutcome outcome, ImageBuildRequest request) => outcome switch
    {
        DirectBuildPlan plan => plan,
        DirectBuildRefusal refusal => throw new ImageBuildException(ImageBuildFailureKind.NeedsEngine, $"{request.Dockerfile}: {refusal}"),
        _ => throw new InvalidOperationException($"unknown plan outcome {outcome.GetType().Name}"),
    };

    private async Task<DirectBaseImage> ReadBaseAsync(DirectBuildBase planned, ImageBuildRequest request, string targetRepository, string platformName, Platform? platform, CancellationToken cancellationToken)
    {
        if (planned.IsLocal)
        {
            // The offline base is this machine's files: it runs on this machine's platform only.
            if (platform is { } built && built != Platform.Machine)
            {
                throw PlatformChecks.LocalBaseIsThisMachines(_inputs, built, _registry.Registry);
            }

            return await _localBase.ResolveAsync(cancellationToken);
        }

        if (planned.Reference is not { } reference)
        {
            return DirectBaseImage.Scratch(platformName);
        }

        DirectBaseImage read;
        if (reference.Registry == _registry.Registry)
        {
            read = await RegistryBaseImage.ReadAsync(_registry, reference, targetRepository, _inputs, cancellationToken, platform);
        }
        else
        {
            // The base's own login, never the push registry's: those credentials go to the push registry only.
            using var source = _connectBaseRegistry(reference.Registry, request.BaseImageCredentials ?? RegistryCredentials.Anonymous);
            var cache = new BlobFileCache(Path.Combine(_localBase.CacheFolder, "blobs"));
            read = await ForeignBaseImage.ReadAsync(source, cache, _registry, reference, targetRepository, _inputs, _logger, cancellationToken, platform);
        }

        var trees = Path.Combine(_localBase.CacheFolder, "trees");
        return read with { Directories = await BaseImageTree.DirectoriesAsync(_registry.Blobs, read.Layers, targetRepository, trees, cancellationToken) };
    }

    // A folder Docker makes only when missing keeps the base's mode and owner where the base has it: left out of the
    // layer there. Where the base's tree is unknown, only the engine can tell, so the plan goes to it rather than guessing.
    private static IReadOnlyList<LayerFile> KeepBaseDirectories(DirectBuildLayer layer, DirectBaseImage baseImage, ImageBuildRequest request)
    {
        var made = layer.Files.Where(file => file.OnlyIfMissing).ToList();
        if (made.Count == 0)
        {
            return layer.Files;
        }

        if (baseImage.Directories is not { } directories)
        {
            throw new ImageBuildException(ImageBuildFailureKind.NeedsEngine,
                $"{request.Dockerfile}: line {layer.Line}: {layer.Instruction} creates {made[0].ImagePath} unless the base {baseImage.Name} has it, "
                + "and the base's folders are not known: the engine builder runs it");
        }

        return [.. layer.Files.Where(file => !file.OnlyIfMissing || !directories.Contains(file.ImagePath))];
    }

    private List<string> TargetRepositories(ImageBuildRequest build)
    {
        if (build.Tags.Count == 0)
        {
            throw new ImageBuildException(ImageBuildFailureKind.InvalidInput, $"no tags for the image built from {build.Dockerfile}: pass at least one image reference to tag it with.");
        }

        var elsewhere = build.Tags.Where(tag => tag.Registry != _registry.Registry).Select(tag => tag.ToString()).ToList();
        if (elsewhere.Count > 0)
        {
            throw new ImageBuildException(ImageBuildFailureKind.InvalidInput,
                $"the tag {elsewhere[0]} is not in the registry {_registry.Registry} the direct build pushes to: name every tag in {_registry.Registry}.");
        }

        return [.. build.Tags.Select(tag => tag.Repository).Distinct(StringComparer.Ordinal)];
    }
}
