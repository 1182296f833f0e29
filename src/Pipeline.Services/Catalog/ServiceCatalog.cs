using Pipeline.Engine;

namespace Pipeline.Services;

/// <summary>
/// The services of one repository, declared once or found: each publishable project with a Dockerfile beside it.
/// Checked where it is made (projects and Dockerfiles exist inside the repository, artifact names unique), so a
/// wrong declaration fails before anything is compiled; <see cref="Narrow"/> picks the services a run asks for.
/// </summary>
public sealed class ServiceCatalog
{
    private ServiceCatalog(AbsolutePath root, IReadOnlyList<ServiceDefinition> services)
    {
        Root = root;
        Services = services;
    }

    /// <summary>The repository root: every input path is relative to it.</summary>
    public AbsolutePath Root { get; }

    /// <summary>The services, ordered by artifact name.</summary>
    public IReadOnlyList<ServiceDefinition> Services { get; }

    /// <summary>
    /// The declared services of the repository at <paramref name="root"/>; throws <see cref="ServicesException"/>
    /// naming every wrong declaration at once.
    /// </summary>
    public static ServiceCatalog Declare(AbsolutePath root, IEnumerable<ServiceDefinition> services)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(services);
        var declared = services.ToList();
        var problems = new List<string>();
        foreach (var service in declared)
        {
            Check(root, service.Project, $"{service.Artifact}: the project", problems);
            Check(root, service.Dockerfile, $"{service.Artifact}: the Dockerfile", problems);
        }

        if (problems.Count > 0)
        {
            throw new ServicesException(ServicesFailureKind.InvalidDeclaration, string.Join(Environment.NewLine, problems));
        }

        return Create(root, declared);
    }

    /// <summary>
    /// Finds the services under <paramref name="root"/>: every SDK-style project with a <c>Dockerfile</c> beside it
    /// that is neither a test project nor <c>IsPublishable=false</c> (outside bin/, obj/ and hidden folders), each
    /// named after its project (<see cref="ServiceDefinition.ForProject"/>).
    /// </summary>
    public static ServiceCatalog Discover(AbsolutePath root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!Directory.Exists(root.Value))
        {
            throw new ServicesException(ServicesFailureKind.InvalidDeclaration, $"the repository root {root} does not exist: pass the folder that holds the services");
        }

        var found = SourceTree.Files(root.Value, "*.csproj")
            .Where(project => File.Exists(Path.Combine(Path.GetDirectoryName(project)!, "Dockerfile")) && IsPublishable(MsBuildFile.Read(project)))
            .Select(project => ServiceDefinition.ForProject(AbsolutePath.Create(project)))
            .ToList();
        return found.Count > 0
            ? Create(root, found)
            : throw new ServicesException(
                ServicesFailureKind.NoServices,
                $"no service found under {root}: a service is a publishable SDK-style project with a Dockerfile beside it; add one, or declare the services");
    }

    /// <summary>
    /// The services named in <paramref name="artifacts"/> (the whole catalog when none is named); throws
    /// <see cref="ServicesException"/> naming each unknown name and listing the known ones.
    /// </summary>
    public ServiceCatalog Narrow(IReadOnlyCollection<string> artifacts)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        if (artifacts.Count == 0)
        {
            return this;
        }

        var unknown = artifacts.Where(name => Services.All(service => service.Artifact.Value != name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ServicesException(
                ServicesFailureKind.UnknownService,
                $"unknown service{(unknown.Count > 1 ? "s" : string.Empty)} {string.Join(", ", unknown.Select(name => $"'{name}'"))}: "
                + $"the services are {string.Join(", ", Services.Select(service => service.Artifact.Value))}");
        }

        return new ServiceCatalog(Root, [.. Services.Where(service => artifacts.Contains(service.Artifact.Value))]);
    }

    private static ServiceCatalog Create(AbsolutePath root, List<ServiceDefinition> services)
    {
        var duplicates = services.GroupBy(service => service.Artifact).Where(group => group.Count() > 1).ToList();
        if (duplicates.Count > 0)
        {
            throw new ServicesException(
                ServicesFailureKind.DuplicateArtifact,
                string.Join(Environment.NewLine, duplicates.Select(group =>
                    $"{group.Key} is the artifact of {string.Join(" and ", group.Select(service => service.Project.Value))}: give each service its own artifact name")));
        }

        return new ServiceCatalog(root, [.. services.OrderBy(service => service.Artifact.Value, StringComparer.Ordinal)]);
    }

    private static void Check(AbsolutePath root, AbsolutePath path, string what, List<string> problems)
    {
        if (!SourceTree.IsUnder(path.Value, root.Value))
        {
            problems.Add($"{what} {path} is outside the repository {root}: services are built from the repository's own files");
        }
        else if (!File.Exists(path.Value))
        {
            problems.Add($"{what} {path} does not exist: fix the path or add the file");
        }
    }

    private static bool IsPublishable(MsBuildFile project) =>
        project.IsSdkStyle
        && !string.Equals(project.Property("IsTestProject"), "true", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(project.Property("IsPublishable"), "false", StringComparison.OrdinalIgnoreCase)
        && !project.PackageReferences().Contains("Microsoft.NET.Test.Sdk", StringComparer.OrdinalIgnoreCase);
}
