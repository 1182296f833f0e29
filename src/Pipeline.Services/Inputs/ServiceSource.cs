using Pipeline.Engine;

namespace Pipeline.Services;

/// <summary>
/// A service's source inputs as they were read: the files (relative to the repository root) and their
/// fingerprint, or why its inputs cannot be told statically, in which case it is always built.
/// </summary>
public sealed record ServiceSource
{
    private ServiceSource(ServiceDefinition service, IReadOnlyList<string> inputs, IReadOnlyList<AbsolutePath> referencedProjects, ServiceFingerprint? fingerprint, IReadOnlyList<string> untraceable)
    {
        Service = service;
        Inputs = inputs;
        ReferencedProjects = referencedProjects;
        Fingerprint = fingerprint;
        Untraceable = untraceable;
    }

    /// <summary>The service.</summary>
    public ServiceDefinition Service { get; }

    /// <summary>The files read, relative to the repository root with '/' separators, in ordinal order.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The projects the service's project references, transitively, in ordinal order (its own not among them).</summary>
    public IReadOnlyList<AbsolutePath> ReferencedProjects { get; }

    /// <summary>The fingerprint of the inputs; null when they cannot be told (<see cref="Untraceable"/>).</summary>
    public ServiceFingerprint? Fingerprint { get; }

    /// <summary>Why the inputs cannot be told, each naming the file and line; empty when they can.</summary>
    public IReadOnlyList<string> Untraceable { get; }

    internal static ServiceSource Traced(ServiceDefinition service, IReadOnlyList<string> inputs, IReadOnlyList<AbsolutePath> referencedProjects, ServiceFingerprint fingerprint) =>
        new(service, inputs, referencedProjects, fingerprint, []);

    internal static ServiceSource CannotTell(ServiceDefinition service, IReadOnlyList<string> inputs, IReadOnlyList<AbsolutePath> referencedProjects, IReadOnlyList<string> reasons) =>
        new(service, inputs, referencedProjects, null, reasons);
}
