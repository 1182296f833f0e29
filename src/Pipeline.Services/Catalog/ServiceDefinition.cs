using Pipeline.Engine;
using Pipeline.Manifests;

namespace Pipeline.Services;

/// <summary>
/// One service of a repository: the project that is published, the Dockerfile its image is built from, the name
/// it ships under (image repository, Kubernetes app, folder under <c>artifacts/</c>), its container port and
/// replicas. The artifact is the <see cref="DnsLabel"/> that <c>Pipeline.Components.ArtifactName</c> wraps (same
/// rules; that type lives above this package, in the components that will use these services).
/// </summary>
public sealed record ServiceDefinition
{
    /// <summary>The default container port, as the one-service build's.</summary>
    public const int DefaultPort = 8080;

    /// <summary>Creates a service; throws <see cref="ArgumentOutOfRangeException"/> for a port or replica count out of range.</summary>
    public ServiceDefinition(AbsolutePath project, AbsolutePath dockerfile, DnsLabel artifact, int port = DefaultPort, int replicas = 1)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(dockerfile);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 0);
        Project = project;
        Dockerfile = dockerfile;
        Artifact = artifact;
        Port = port;
        Replicas = replicas;
    }

    /// <summary>The <c>.csproj</c> that is published.</summary>
    public AbsolutePath Project { get; }

    /// <summary>The Dockerfile (its <c>.dockerignore</c> sits beside it).</summary>
    public AbsolutePath Dockerfile { get; }

    /// <summary>The name the service ships under.</summary>
    public DnsLabel Artifact { get; }

    /// <summary>The port the container listens on.</summary>
    public int Port { get; }

    /// <summary>How many pods run it.</summary>
    public int Replicas { get; }

    /// <summary>A service named after its project (<c>Catalog.Api.csproj</c> → <c>catalog-api</c>), its Dockerfile beside it.</summary>
    public static ServiceDefinition ForProject(AbsolutePath project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new ServiceDefinition(project, project.Parent! / "Dockerfile", ArtifactFor(project));
    }

    /// <summary>The artifact name a project gets by default: its file name in lower-kebab-case.</summary>
    public static DnsLabel ArtifactFor(AbsolutePath project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return DnsLabel.Parse(DnsLabel.KebabCase(Path.GetFileNameWithoutExtension(project.Name)));
    }

    /// <inheritdoc />
    public override string ToString() => Artifact.Value;
}
