using System.Reflection;
using k8s;
using k8s.Models;

namespace Pipeline.Manifests;

/// <summary>
/// One kind Render accepts and Deploy applies, with what the API's URLs need: group, version and plural come from
/// the client's own entity metadata (<see cref="KubernetesEntityAttribute"/>) so they cannot drift from the model.
/// </summary>
/// <param name="Model">The KubernetesClient model type, e.g. <see cref="V1Deployment"/>.</param>
/// <param name="Group">The API group, empty for the core group (<c>v1</c>).</param>
/// <param name="Version">The API version within the group, e.g. <c>v1</c>.</param>
/// <param name="Kind">The kind as manifests write it, e.g. <c>Deployment</c>.</param>
/// <param name="Plural">The resource's URL plural, e.g. <c>deployments</c>.</param>
/// <param name="IsNamespaced">False for cluster-scoped kinds (Namespace), which live outside any namespace.</param>
public sealed record SupportedKind(Type Model, string Group, string Version, string Kind, string Plural, bool IsNamespaced)
{
    /// <summary>The manifest's <c>apiVersion</c>: <c>group/version</c>, or the version alone for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>A kind whose objects live in a namespace.</summary>
    public static SupportedKind InNamespace<T>()
        where T : IKubernetesObject<V1ObjectMeta> => Of(typeof(T), isNamespaced: true);

    /// <summary>A cluster-scoped kind (no namespace in its URL or metadata).</summary>
    public static SupportedKind ClusterWide<T>()
        where T : IKubernetesObject<V1ObjectMeta> => Of(typeof(T), isNamespaced: false);

    /// <summary><c>apps/v1 Deployment</c>.</summary>
    public override string ToString() => $"{ApiVersion} {Kind}";

    private static SupportedKind Of(Type model, bool isNamespaced)
    {
        var entity = model.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{model.Name} has no [KubernetesEntity] attribute, so its group, version and plural are unknown.", nameof(model));
        return new SupportedKind(model, entity.Group ?? string.Empty, entity.ApiVersion, entity.Kind, entity.PluralName, isNamespaced);
    }
}
