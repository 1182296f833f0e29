using System.Reflection;
using k8s.Models;

namespace Pipeline.Manifests.Tests;

public sealed class SupportedKindsTests
{
    [Fact]
    public void All_TakeGroupVersionAndPluralFromTheModelsEntityMetadata()
    {
        var deployment = SupportedKinds.ForModel(typeof(V1Deployment))!;
        var ns = SupportedKinds.For("v1", "Namespace")!;

        (deployment.Group, deployment.Version, deployment.Plural, deployment.ApiVersion, deployment.IsNamespaced)
            .Should().Be(("apps", "v1", "deployments", "apps/v1", true));
        (ns.Group, ns.Version, ns.Plural, ns.ApiVersion, ns.IsNamespaced).Should().Be((string.Empty, "v1", "namespaces", "v1", false));
        SupportedKinds.All.Should().OnlyContain(kind => kind.Plural == kind.Model.GetCustomAttribute<KubernetesEntityAttribute>()!.PluralName);
    }

    [Fact]
    public void All_KindNamesAreUnique()
    {
        // Removal finds a created object's kind by its name alone (AppliedObject.Kind).
        SupportedKinds.All.Select(kind => kind.Kind).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void For_AnotherVersionOfASupportedKind_IsNull()
    {
        SupportedKinds.For("autoscaling/v1", "HorizontalPodAutoscaler").Should().BeNull();
        SupportedKinds.For("batch/v1", "CronJob").Should().BeNull();
    }
}
