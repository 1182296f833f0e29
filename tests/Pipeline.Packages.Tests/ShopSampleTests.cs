using System.Text;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Pipeline.Manifests;
using Pipeline.Packages.Tests.Support;
using Pipeline.Registry;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;
using ApiServerDouble = Pipeline.KubeApiServerDouble.KubeApiServerDouble;

namespace Pipeline.Packages.Tests;

/// <summary>
/// Issue 16's "Done when": the Shop's own <c>./build.sh Publish</c>, built from the packed packages, against a registry
/// with htpasswd auth and the API server double as its cluster; after a change to catalog-api alone, release 2.0.0
/// builds and pushes only catalog-api (not basket-api, which shares its library), retags the other two and applies all three.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed partial class ShopSampleTests(PackedFeedFixture feed, ITestOutputHelper output) : IDisposable
{
    private const string Namespace = "shop-e2e";
    private const string PullSecret = "regcred";
    private static readonly string[] Services = ["catalog-api", "basket-api", "payments-api"];
    private static readonly string[] Unchanged = ["basket-api", "payments-api"];

    // The kubeconfig and the direct builder's cache (XDG_CACHE_HOME): outside the Shop's sources, removed at the end.
    private readonly string _scratch = Directory.CreateTempSubdirectory("pipeline-shop-e2e-").FullName;

    [Fact]
    public async Task BuildShPublish_OneServiceChanged_BuildsAndPushesOnlyItRetagsTheOthersWithoutUploadAndAppliesAllThree()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var cluster = await ApiServerDouble.StartAsync();
        var shop = feed.Sample("Shop");
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(_scratch, "kubeconfig"));
        using var client = registry.CreateClient();

        var first = await PublishAsync(registry, shop, kubeconfig, "1.0.0");

        first.ExitCode.Should().Be(0, "{0}", first);
        foreach (var service in Services)
        {
            ReleaseRow(first, service).Should().Contain("built and pushed", "the first release builds every service");
        }

        PublishedProjects(first).Should().BeEquivalentTo(["Catalog.Api", "Basket.Api", "Payments.Api"]);

        var released = new Dictionary<string, Digest>();
        foreach (var service in Services)
        {
            released[service] = (await client.FindAsync(ImageReference.Create(registry.Host, service, "v1.0.0")))!.Digest;
        }

        ChangeCatalogApi(shop);
        var registryRequestsBefore = registry.Requests.Count;
        var clusterRequestsBefore = cluster.Requests.Count;

        var second = await PublishAsync(registry, shop, kubeconfig, "2.0.0");

        second.ExitCode.Should().Be(0, "{0}", second);
        PublishedProjects(second).Should().Equal(["Catalog.Api"], "only the changed service is compiled; basket-api shares only the unchanged library");
        var registryRequests = registry.Requests.Skip(registryRequestsBefore).ToList();
        var uploadedTo = registryRequests.Where(request => request.Contains("/blobs/uploads/", StringComparison.Ordinal))
            .Select(RepositoryOf).Distinct().ToList();
        uploadedTo.Should().Equal(["catalog-api"], "only the changed service uploads blobs; the registry saw:\n{0}", string.Join('\n', registryRequests));
        registryRequests.Where(request => request.StartsWith("PUT /v2/catalog-api/blobs/uploads/", StringComparison.Ordinal)).Should()
            .HaveCount(2, "a code change uploads catalog-api's application layer and its config; the base and the runtime layer are reused");

        var catalog = (await client.FindAsync(ImageReference.Create(registry.Host, "catalog-api", "v2.0.0")))!.Digest;
        catalog.Should().NotBe(released["catalog-api"], "catalog-api changed, so v2.0.0 is a new image");
        ReleaseRow(second, "catalog-api").Should().Contain("built and pushed").And.Contain($"{registry.Host}/catalog-api:v2.0.0@{catalog}");
        var digests = new Dictionary<string, Digest> { ["catalog-api"] = catalog };
        foreach (var service in Unchanged)
        {
            var retagged = (await client.FindAsync(ImageReference.Create(registry.Host, service, "v2.0.0")))!.Digest;
            retagged.Should().Be(released[service], "{0}:v2.0.0 tags the manifest of v1.0.0", service);
            registryRequests.Should().Contain($"PUT /v2/{service}/manifests/v2.0.0", "the new tag is put on the registry");
            ReleaseRow(second, service).Should().Contain("retagged, no upload").And.Contain($"{registry.Host}/{service}:v2.0.0@{retagged}");
            digests[service] = retagged;
        }

        var clusterWrites = cluster.Requests.Skip(clusterRequestsBefore).Where(request => !request.StartsWith("GET ", StringComparison.Ordinal)).ToList();
        clusterWrites.Where(write => write == $"PATCH /api/v1/namespaces/{Namespace}").Should().ContainSingle("the Namespace is applied once for the three services");
        clusterWrites.Where(write => write == $"PATCH /api/v1/namespaces/{Namespace}/secrets/{PullSecret}").Should().ContainSingle("the pull Secret is applied once");
        using var kubernetes = new Kubernetes(cluster.ClientConfiguration());
        foreach (var service in Services)
        {
            clusterWrites.Where(write => write == $"PATCH /apis/apps/v1/namespaces/{Namespace}/deployments/{service}").Should().ContainSingle("{0} is applied once", service);
            var deployment = await kubernetes.AppsV1.ReadNamespacedDeploymentAsync(service, Namespace);
            deployment.Spec.Template.Spec.Containers.Single().Image.Should().Be($"{registry.Host}/{service}:v2.0.0");
            deployment.Metadata.Annotations[ManifestLabels.DigestAnnotation].Should().Be(digests[service].ToString(), "the Deployment records the image's digest");
            deployment.Status.ReadyReplicas.Should().Be(deployment.Spec.Replicas, "{0}'s rollout completed", service);
        }

        var secret = await kubernetes.CoreV1.ReadNamespacedSecretAsync(PullSecret, Namespace);
        secret.Type.Should().Be("kubernetes.io/dockerconfigjson");
        foreach (var run in new[] { first, second })
        {
            foreach (var secretForm in SecretForms(registry.Credentials))
            {
                run.Output.Should().NotContain(secretForm, "no form of the password reaches the output");
            }
        }
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    // The one-line change: a field of catalog-api's GET / answer, in its own Program.cs (not the library basket-api shares).
    private static void ChangeCatalogApi(string shop)
    {
        var program = Path.Combine(shop, "src", "Catalog.Api", "Program.cs");
        var text = File.ReadAllText(program);
        const string Answer = "new { service = \"catalog-api\" }";
        text.Should().Contain(Answer, "the change edits catalog-api's GET / answer (samples/Shop changed?)");
        File.WriteAllText(program, text.Replace(Answer, "new { service = \"catalog-api\", change = \"2.0.0\" }", StringComparison.Ordinal));
    }

    private async Task<ProcessRun> PublishAsync(RegistryServer registry, string shop, string kubeconfig, string release) =>
        await ProcessRun.RunAsync(Path.Combine(shop, "build.sh"),
            ["Publish", "--release", release, "--registry", registry.Host.ToString(), "--registry-username", registry.Credentials.Username!,
                "--kubeconfig", kubeconfig, "--namespace", Namespace],
            shop,
            new Dictionary<string, string?>
            {
                ["PIPELINE_VERSION"] = feed.Version,
                ["REGISTRY_PASSWORD"] = registry.Credentials.Password,
                ["XDG_CACHE_HOME"] = Path.Combine(_scratch, "cache"),
                ["NO_COLOR"] = "1",
            },
            output);

    // The projects a run compiled: its "> dotnet publish …/X.csproj" lines (each service's log shows the command it ran).
    private static List<string> PublishedProjects(ProcessRun run) =>
        [.. PublishCommand().Matches(run.Output).Select(match => match.Groups["project"].Value).Distinct()];

    // The summary's "Release <service>: image@digest action; rollout" row.
    private static string ReleaseRow(ProcessRun run, string service)
    {
        var label = $"Release {service}: ";
        var rows = run.Output.ReplaceLineEndings("\n").Split('\n').Where(line => line.StartsWith(label, StringComparison.Ordinal)).ToList();
        rows.Should().ContainSingle("the summary has one row for {0}, {1}", service, run);
        return rows[0][label.Length..];
    }

    // "POST /v2/catalog-api/blobs/uploads/?…" → "catalog-api".
    private static string RepositoryOf(string request)
    {
        var path = request.Split(' ')[1];
        return path["/v2/".Length..path.IndexOf("/blobs/", StringComparison.Ordinal)];
    }

    [GeneratedRegex(@"> dotnet publish \S*/(?<project>[^/\s]+)\.csproj ")]
    private static partial Regex PublishCommand();

    private static IEnumerable<string> SecretForms(RegistryCredentials credentials) =>
    [
        credentials.Password!,
        Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.Password!)),
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")),
    ];
}
