using Microsoft.Extensions.Logging;
using Pipeline.Version;

namespace Pipeline.Image;

/// <summary>
/// The engine builder behind <see cref="IImageBuilder"/>: <see cref="ImageBuilder"/> through the Engine API, the
/// offline base imported into the engine when asked for, and the local tags recorded in the ledger before the engine
/// applies them, so the clean-up undoes exactly what the build did, even after a failure.
/// </summary>
public sealed class EngineImageBuilder : IImageBuilder
{
    private readonly IContainerEngine _engine;
    private readonly LocalImageLedger _ledger;
    private readonly ImageBuilder _builder;
    private readonly StageInputNames _inputs;

    /// <summary>Creates the builder.</summary>
    /// <param name="engine">The engine that builds.</param>
    /// <param name="ledger">Records the local tags before the engine applies them.</param>
    /// <param name="logger">Where the build's output goes.</param>
    /// <param name="inputs">What the caller calls its inputs, for the fixes.</param>
    public EngineImageBuilder(IContainerEngine engine, LocalImageLedger ledger, ILogger logger, StageInputNames? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(logger);
        _engine = engine;
        _ledger = ledger;
        _inputs = inputs ?? StageInputNames.Neutral;
        _builder = new ImageBuilder(engine, new LocalBaseImage(engine, logger, inputs), logger, inputs);
    }

    /// <inheritdoc />
    public ImageBuilderKind Kind => ImageBuilderKind.Engine;

    /// <inheritdoc />
    public async Task<IPreparedImage> PrepareAsync(ImageBuildRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Platforms.Count > 0)
        {
            throw PlatformChecks.NeedsDirectBuilder(_inputs, "the engine builder builds this machine's platform only, with no image index");
        }

        return new Prepared(this, await _builder.PrepareAsync(request, cancellationToken));
    }


    private sealed class Prepared(EngineImageBuilder owner, PreparedImageBuild prepared) : IPreparedImage
    {
        public Task<ContextFingerprint> Fingerprint => prepared.Fingerprint;

        public async Task<ImageBuildResult?> BuildAsync(Task<bool> proceed, CancellationToken cancellationToken)
        {
            var built = await owner._builder.BuildAsync(prepared, RecordedAsync(), cancellationToken);
            return built is null ? null : new ImageBuildResult
            {
                Builder = ImageBuilderKind.Engine,
                Tags = built.Tags,
                Fingerprint = built.Fingerprint,
                Labels = built.Labels,
                BaseImage = prepared.Request.BaseImage?.Reference,
                LocalImageId = built.Id,
            };

            async Task<bool> RecordedAsync()
            {
                if (!await proceed)
                {
                    return false;
                }

                owner._ledger.Record(await LocalTagSnapshot.TakeAsync(owner._engine, prepared.Request.Tags, cancellationToken));
                return true;
            }
        }
    }
}
