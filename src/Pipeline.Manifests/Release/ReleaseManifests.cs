using k8s;
using k8s.Models;

namespace Pipeline.Manifests;

/// <summary>
/// The objects of one release across several services: the <see cref="Shared"/> ones (each Namespace once, the pull
/// Secret once per namespace a Deployment runs in) and each service's own (<see cref="Services"/>), so that a Namespace
/// several services live in is applied once and no service's rollback takes it from the others.
/// </summary>
public sealed class ReleaseManifests
{
    private ReleaseManifests(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> shared, IReadOnlyList<ServiceManifestSet> services)
    {
        Shared = shared;
        Services = services;
    }

    /// <summary>Namespaces first, then pull Secrets: what every service's objects need before they are applied.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Shared { get; }

    /// <summary>Each service's own objects in its apply order, the shared ones removed, in the order given to <see cref="Combine"/>.</summary>
    public IReadOnlyList<ServiceManifestSet> Services { get; }

    /// <summary>Every object to apply: <see cref="Shared"/>, then each service's objects.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> ApplyOrder =>
        [.. Shared, .. Services.SelectMany(service => service.Manifests.ApplyOrder)];

    /// <summary>
    /// Combines the services' rendered sets into one release. Each service's Namespaces and own pull Secret (from
    /// <see cref="ManifestSet.WithPullSecret"/>) become shared; <paramref name="pullSecret"/>, when given, is placed in
    /// every namespace a Deployment runs in and replaces a service's pull Secret of the same name there.
    /// </summary>
    /// <exception cref="ManifestException">
    /// Of kind <see cref="ManifestFailureKind.ReleaseConflict"/>: a service is named twice, two services hold the same
    /// object, or two services bring different pull Secrets of one name into one namespace.
    /// </exception>
    public static ReleaseManifests Combine(IReadOnlyList<ServiceManifestSet> services, PullSecret? pullSecret)
    {
        ArgumentNullException.ThrowIfNull(services);
        RefuseRepeatedServices(services);
        var namespaces = new Dictionary<string, IKubernetesObject<V1ObjectMeta>>(StringComparer.Ordinal);
        var secrets = new Dictionary<ObjectKey, (V1Secret Secret, string From)>();
        if (pullSecret is not null)
        {
            foreach (var ns in services.SelectMany(service => service.Manifests.Deployments).Select(NamespaceOf).Distinct(StringComparer.Ordinal))
            {
                var secret = pullSecret.ToV1Secret(DnsLabel.Parse(ns));
                secrets[ObjectKey.Of(secret)] = (secret, "the release's pull secret");
            }
        }

        foreach (var service in services)
        {
            foreach (var ns in service.Manifests.Documents.OfType<V1Namespace>())
            {
                namespaces.TryAdd(ns.Metadata.Name, ns);
            }

            if (service.Manifests.PullSecret is { } servicePullSecret)
            {
                AddServicePullSecret(secrets, servicePullSecret, service.Service, replacedByRelease: pullSecret is not null);
            }
        }

        IReadOnlyList<IKubernetesObject<V1ObjectMeta>> shared = [.. namespaces.Values, .. secrets.Values.Select(entry => entry.Secret)];
        var owners = shared.ToDictionary(ObjectKey.Of, _ => "the shared objects");
        var own = services
            .Select(service => new ServiceManifestSet(service.Service, OwnObjects(service, owners)))
            .ToList();
        return new ReleaseManifests(shared, own);
    }

    /// <summary>
    /// The shared objects <paramref name="service"/> needs: the Namespaces its objects live in and the pull Secrets
    /// there. A rollback removes a shared object this release created only when no service it keeps needs it.
    /// </summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> SharedUsedBy(DnsLabel service)
    {
        var set = Services.FirstOrDefault(candidate => candidate.Service == service)
            ?? throw new ArgumentException($"service '{service}' is not in this release", nameof(service));
        var used = set.Manifests.Documents.Select(NamespaceOf).ToHashSet(StringComparer.Ordinal);
        return [.. Shared.Where(item => used.Contains(item is V1Namespace ? item.Metadata.Name : NamespaceOf(item)))];
    }

    private static void RefuseRepeatedServices(IReadOnlyList<ServiceManifestSet> services)
    {
        var repeated = services.GroupBy(service => service.Service).Where(group => group.Count() > 1).Select(group => group.Key.Value).ToList();
        if (repeated.Count > 0)
        {
            throw new ManifestException(
                ManifestFailureKind.ReleaseConflict,
                $"the release names {(repeated.Count == 1 ? "service" : "services")} {string.Join(", ", repeated.Select(name => $"'{name}'"))} more than once: "
                + "give each service its own artifact name, or list it once");
        }
    }

    private static void AddServicePullSecret(Dictionary<ObjectKey, (V1Secret Secret, string From)> secrets, V1Secret own, DnsLabel service, bool replacedByRelease)
    {
        var key = ObjectKey.Of(own);
        if (!secrets.TryGetValue(key, out var earlier))
        {
            secrets[key] = (own, $"service '{service}'");
        }
        else if (!replacedByRelease && !SameData(earlier.Secret, own))
        {
            throw new ManifestException(
                ManifestFailureKind.ReleaseConflict,
                $"service '{service}' and {earlier.From} bring different pull secrets {key}: pods of both would pull with one of them; "
                + "pass one pull secret for the release, or give the secrets different names");
        }
    }

    private static ManifestSet OwnObjects(ServiceManifestSet service, Dictionary<ObjectKey, string> owners)
    {
        var own = service.Manifests.Documents.Where(document => document is not V1Namespace).ToList();
        foreach (var document in own)
        {
            var key = ObjectKey.Of(document);
            if (owners.TryGetValue(key, out var owner))
            {
                throw new ManifestException(
                    ManifestFailureKind.ReleaseConflict,
                    $"{key} is in service '{service.Service}' and in {owner}: one apply would overwrite the other; "
                    + "give the object a name of its own in one of the services (or move them to different namespaces)");
            }

            owners[key] = $"service '{service.Service}'";
        }

        return new ManifestSet(own);
    }

    private static bool SameData(V1Secret first, V1Secret second) =>
        first.Data is { } a && a.TryGetValue(PullSecret.DataKey, out var firstData)
        && second.Data is { } b && b.TryGetValue(PullSecret.DataKey, out var secondData)
        && firstData.AsSpan().SequenceEqual(secondData);

    private static string NamespaceOf(IKubernetesObject<V1ObjectMeta> item) =>
        item is V1Namespace ? string.Empty : item.Metadata?.NamespaceProperty ?? DnsLabel.DefaultNamespace.Value;

    /// <summary>What the API server tells objects apart by: kind, namespace (none for a Namespace) and name.</summary>
    private readonly record struct ObjectKey(string Kind, string Namespace, string Name)
    {
        public static ObjectKey Of(IKubernetesObject<V1ObjectMeta> item) =>
            new(SupportedKinds.ForModel(item.GetType())?.Kind ?? item.Kind ?? item.GetType().Name, NamespaceOf(item), item.Metadata?.Name ?? string.Empty);

        public override string ToString() =>
            $"{Kind.ToLowerInvariant()}/{Name}{(Namespace.Length == 0 ? string.Empty : $" ({Namespace})")}";
    }
}
