using Pipeline.Registry;

namespace Pipeline.Image;

// The image stage's failures: one file, each exception with a machine-readable kind and a message that names
// the input and the fix. Messages never contain secrets.

/// <summary>Why an image build failed.</summary>
public enum ImageBuildFailureKind
{
    /// <summary>A Dockerfile step failed (a RUN returned non-zero, a COPY source is missing, …).</summary>
    StepFailed,

    /// <summary>The base image is not on this machine and could not (or may not) be pulled.</summary>
    BaseImageUnavailable,

    /// <summary>The Dockerfile or context directory is missing or unreadable.</summary>
    InvalidInput,

    /// <summary>The engine refused the build request itself.</summary>
    EngineRejected,

    /// <summary>The release tag already holds other content in the registry (releases are immutable).</summary>
    ReleaseExists,

    /// <summary>The direct builder cannot carry out the Dockerfile exactly (an instruction needs a container): the engine builder can.</summary>
    NeedsEngine,
}

/// <summary>Why an image push failed; the names match the registry package's <see cref="RegistryFailureKind"/>.</summary>
public enum ImagePushFailureKind
{
    /// <summary>Anything without a more specific name.</summary>
    Unexpected,

    /// <summary>The image to push has no such tag on this machine.</summary>
    LocalImageMissing,

    /// <summary>Nothing answers at the registry's host:port.</summary>
    Unreachable,

    /// <summary>The engine spoke HTTPS to a registry that speaks plain HTTP.</summary>
    HttpResponseToHttpsClient,

    /// <summary>The registry's certificate is signed by a CA the engine does not trust.</summary>
    UnknownAuthority,

    /// <summary>The registry wants credentials and none were given.</summary>
    NoBasicAuthCredentials,

    /// <summary>The registry refused the user name and password.</summary>
    Unauthorized,

    /// <summary>The user may not push to this repository.</summary>
    Denied,

    /// <summary>After the push, the registry did not resolve the tag to the digest the push reported.</summary>
    VerificationFailed,
}

/// <summary>What about the container engine is unusable.</summary>
public enum ContainerEngineFailureKind
{
    /// <summary>Nothing answers at the engine endpoint.</summary>
    Unreachable,

    /// <summary>The endpoint (DOCKER_HOST) is not something this library can talk to.</summary>
    UnsupportedEndpoint,

    /// <summary>The engine is on another machine over plain TCP: the push credentials would cross the network in clear.</summary>
    InsecureEndpoint,

    /// <summary>Provisioning an engine on this machine was attempted and failed.</summary>
    ProvisioningFailed,

    /// <summary>The engine answered with an error to a request that should always work.</summary>
    EngineError,
}

/// <summary>An image build failed; <see cref="Step"/> and <see cref="Output"/> say where and what it printed.</summary>
public sealed class ImageBuildException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImageBuildException(ImageBuildFailureKind kind, string message, string? step = null, string? output = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Step = step;
        Output = output ?? string.Empty;
    }

    /// <summary>Creates a failure of kind <see cref="ImageBuildFailureKind.EngineRejected"/>.</summary>
    public ImageBuildException() : this(ImageBuildFailureKind.EngineRejected, "the image build failed") { }

    /// <summary>Creates a failure of kind <see cref="ImageBuildFailureKind.EngineRejected"/>.</summary>
    public ImageBuildException(string message) : this(ImageBuildFailureKind.EngineRejected, message) { }

    /// <summary>Creates a failure of kind <see cref="ImageBuildFailureKind.EngineRejected"/>.</summary>
    public ImageBuildException(string message, Exception innerException)
        : this(ImageBuildFailureKind.EngineRejected, message, innerException: innerException) { }

    /// <summary>Why the build failed.</summary>
    public ImageBuildFailureKind Kind { get; }

    /// <summary>The failing Dockerfile step as the engine printed it (<c>Step 3/5 : RUN false</c>), if known.</summary>
    public string? Step { get; }

    /// <summary>What the failing step printed.</summary>
    public string Output { get; }
}

/// <summary>An image push failed; the message names the image, the registry and the fix, never the password.</summary>
public sealed class ImagePushException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImagePushException(ImagePushFailureKind kind, ImageReference image, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Image = image;
    }

    /// <summary>Creates a failure of kind <see cref="ImagePushFailureKind.Unexpected"/>.</summary>
    public ImagePushException() : this("the image push failed") { }

    /// <summary>Creates a failure of kind <see cref="ImagePushFailureKind.Unexpected"/>.</summary>
    public ImagePushException(string message) : base(message) => Kind = ImagePushFailureKind.Unexpected;

    /// <summary>Creates a failure of kind <see cref="ImagePushFailureKind.Unexpected"/>.</summary>
    public ImagePushException(string message, Exception innerException)
        : base(message, innerException) => Kind = ImagePushFailureKind.Unexpected;

    /// <summary>Why the push failed.</summary>
    public ImagePushFailureKind Kind { get; }

    /// <summary>The image that was being pushed.</summary>
    public ImageReference Image { get; }
}

/// <summary>No usable container engine; the message names the endpoint and the fix.</summary>
public sealed class ContainerEngineUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContainerEngineUnavailableException(ContainerEngineFailureKind kind, Uri endpoint, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Endpoint = endpoint;
    }

    /// <summary>Creates a failure of kind <see cref="ContainerEngineFailureKind.Unreachable"/>.</summary>
    public ContainerEngineUnavailableException() : this("no container engine is reachable") { }

    /// <summary>Creates a failure of kind <see cref="ContainerEngineFailureKind.Unreachable"/>.</summary>
    public ContainerEngineUnavailableException(string message)
        : this(ContainerEngineFailureKind.Unreachable, DockerEndpoint.DefaultSocket, message) { }

    /// <summary>Creates a failure of kind <see cref="ContainerEngineFailureKind.Unreachable"/>.</summary>
    public ContainerEngineUnavailableException(string message, Exception innerException)
        : this(ContainerEngineFailureKind.Unreachable, DockerEndpoint.DefaultSocket, message, innerException) { }

    /// <summary>Why the engine is unusable.</summary>
    public ContainerEngineFailureKind Kind { get; }

    /// <summary>The engine endpoint that was tried.</summary>
    public Uri Endpoint { get; }
}
