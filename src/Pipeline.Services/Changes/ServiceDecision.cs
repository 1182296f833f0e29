using Pipeline.Registry;

namespace Pipeline.Services;

/// <summary>Whether a service is built this run.</summary>
public enum ServiceChangeState
{
    /// <summary>Built: no image in the registry was made from its inputs, or its inputs cannot be told.</summary>
    Changed,

    /// <summary>Not built: the registry holds an image made from exactly these inputs.</summary>
    Unchanged,
}

/// <summary>Why a service is built.</summary>
public enum ServiceChangeReason
{
    /// <summary>Not built: an image made from these inputs exists.</summary>
    None,

    /// <summary>No image in the registry carries the content tag of these inputs.</summary>
    NoImageForInputs,

    /// <summary>The inputs cannot be told statically (a conditional or computed reference): always built.</summary>
    CannotTell,
}

/// <summary>
/// The decision for one service: <see cref="ServiceChangeState.Changed"/> with its reason, or
/// <see cref="ServiceChangeState.Unchanged"/> with the existing image's digest and the reference it was found under.
/// </summary>
public sealed record ServiceDecision
{
    private ServiceDecision(ServiceSource source, ImageReference release, ServiceChangeState state, ServiceChangeReason reason, string detail, ImageReference? existing)
    {
        Source = source;
        Release = release;
        State = state;
        Reason = reason;
        Detail = detail;
        Existing = existing;
    }

    /// <summary>The service and its inputs.</summary>
    public ServiceSource Source { get; }

    /// <summary>Where the service's image goes for this release: <c>registry/artifact:v&lt;release&gt;</c>.</summary>
    public ImageReference Release { get; }

    /// <summary>Built or not.</summary>
    public ServiceChangeState State { get; }

    /// <summary>Why it is built (<see cref="ServiceChangeReason.None"/> when it is not).</summary>
    public ServiceChangeReason Reason { get; }

    /// <summary>The decision in words, for the summary: the content tag looked up, or each reason the inputs cannot be told.</summary>
    public string Detail { get; }

    /// <summary>For an unchanged service, the image made from its inputs: the content tag it was found under, pinned to its digest.</summary>
    public ImageReference? Existing { get; }

    /// <summary>The existing image's manifest digest, for an unchanged service.</summary>
    public Digest? ExistingDigest => Existing?.Digest;

    internal static ServiceDecision Changed(ServiceSource source, ImageReference release, ServiceChangeReason reason, string detail) =>
        new(source, release, ServiceChangeState.Changed, reason, detail, existing: null);

    internal static ServiceDecision Unchanged(ServiceSource source, ImageReference release, ImageReference existing) =>
        new(source, release, ServiceChangeState.Unchanged, ServiceChangeReason.None, $"unchanged: {existing.Tag} is {existing.Digest}", existing);

    /// <inheritdoc />
    public override string ToString() => $"{Source.Service.Artifact}: {Detail}";
}
