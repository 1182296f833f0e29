using k8s.Models;
using Pipeline.KubeApiServerDouble;
using Pipeline.Manifests;
using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Cluster.Tests.Release;

/// <summary>Renders the services of one release into a namespace, pulling from the fixture's registry with one pull Secret.</summary>
internal sealed class ShopRelease(ClusterFixture fixture, string ns)
{
    public const string MissingTag = "v9.9.9";

    public string Namespace => ns;

    public ServiceManifestSet Service(string name, string tag, PodBehaviour behaviour = PodBehaviour.Healthy)
    {
        var artifact = DnsLabel.Parse(name);
        var settings = new DeploymentSettings(artifact, ImageReference.Parse(Image(name, tag)), ReleaseVersion.Parse(tag.TrimStart('v')))
        {
            Namespace = DnsLabel.Parse(ns),
            ConfigureDeployment = behaviour == PodBehaviour.Healthy
                ? null
                : deployment => deployment.Spec.Template.Metadata.Annotations = new Dictionary<string, string> { [PodBehaviours.Annotation] = PodBehaviours.ValueOf(behaviour) },
        };
        return new ServiceManifestSet(artifact, ManifestRenderer.Render(settings));
    }

    public ClusterReleaseRequest Request(IReadOnlyList<ServiceManifestSet> services, params string[] changed) => new()
    {
        Manifests = ReleaseManifests.Combine(services, new PullSecret(DnsLabel.Parse("regcred"), DnsLabel.Parse(ns), fixture.Registry.Host, fixture.Registry.Credentials)),
        Changed = changed.Select(DnsLabel.Parse).ToHashSet(),
    };

    /// <summary>A request where every service changed, as in a first release.</summary>
    public ClusterReleaseRequest AllChanged(params ServiceManifestSet[] services) =>
        Request(services, [.. services.Select(service => service.Service.Value)]);

    public string Image(string name, string tag) => ImageReference.Create(fixture.Registry.Host, name, tag).ToString();

    public static string ImageOf(V1Deployment deployment) => deployment.Spec.Template.Spec.Containers.Single().Image;
}
