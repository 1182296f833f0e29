namespace Pipeline.Services;

// The services package's failures: one file, each exception with a kind and a message that names the input and
// the fix. Raised before any side effect (nothing is tagged when a name or a declaration is wrong).

/// <summary>Why a services request was refused.</summary>
public enum ServicesFailureKind
{
    /// <summary>A declared service is wrong: its project or Dockerfile is missing, outside the repository, or its values are out of range.</summary>
    InvalidDeclaration,

    /// <summary>Two services ship under the same artifact name.</summary>
    DuplicateArtifact,

    /// <summary>A name given to narrow the services (<c>--services</c>) is none of them.</summary>
    UnknownService,

    /// <summary>The repository holds no service (no publishable project with a Dockerfile beside it).</summary>
    NoServices,

    /// <summary>An existing image cannot be put under a release: it carries no build fingerprint to compare.</summary>
    ImageNotComparable,

    /// <summary>Some services' images could not be shipped (each one's error is in its result); the others were.</summary>
    ShipmentFailed,

    /// <summary>A selected service has no record of its shipped image (ServiceImages did not run for it, or its record was not handed on).</summary>
    MissingRecord,

    /// <summary>A service's record cannot be read: not JSON, or its values are wrong (another service's, no digest, a failed shipment).</summary>
    InvalidRecord,
}

/// <summary>A services request that was refused, with its <see cref="Kind"/>.</summary>
public sealed class ServicesException : Exception
{
    /// <summary>Creates the failure.</summary>
    public ServicesException(ServicesFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException) => Kind = kind;

    /// <summary>Creates an <see cref="ServicesFailureKind.InvalidDeclaration"/> failure.</summary>
    public ServicesException() : this(ServicesFailureKind.InvalidDeclaration, "the services are not valid") { }

    /// <summary>Creates an <see cref="ServicesFailureKind.InvalidDeclaration"/> failure.</summary>
    public ServicesException(string message) : this(ServicesFailureKind.InvalidDeclaration, message) { }

    /// <summary>Creates an <see cref="ServicesFailureKind.InvalidDeclaration"/> failure.</summary>
    public ServicesException(string message, Exception innerException) : this(ServicesFailureKind.InvalidDeclaration, message, innerException) { }

    /// <summary>What went wrong.</summary>
    public ServicesFailureKind Kind { get; }
}
