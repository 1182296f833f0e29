namespace Pipeline.Image.Direct;

/// <summary>
/// The run settings a Dockerfile gives the image (its <c>config</c> in the image config), in Docker's terms. The
/// direct builder starts from the base image's and applies the Dockerfile's instructions in order.
/// </summary>
public sealed record ContainerSettings
{
    /// <summary><c>ENV</c>: <c>KEY=VALUE</c> in order; a later key replaces an earlier one in place, as Docker does.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary><c>ENTRYPOINT</c>, exec form (a shell form is <c>/bin/sh -c …</c>); null when unset.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary><c>CMD</c>, exec form; null when unset.</summary>
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary><c>USER</c>, as written (<c>1654:1654</c>, <c>app</c>); null when unset.</summary>
    public string? User { get; init; }

    /// <summary><c>WORKDIR</c>, absolute; null when unset.</summary>
    public string? WorkingDir { get; init; }

    /// <summary><c>EXPOSE</c>: <c>8080/tcp</c> and the like.</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    /// <summary><c>LABEL</c>s, the build's OCI and fingerprint labels added last.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary><c>STOPSIGNAL</c>; null when unset.</summary>
    public string? StopSignal { get; init; }

    /// <summary><c>HEALTHCHECK</c>; null when unset (<c>NONE</c> is a check whose test is <c>["NONE"]</c>).</summary>
    public ContainerHealthcheck? Healthcheck { get; init; }
}
