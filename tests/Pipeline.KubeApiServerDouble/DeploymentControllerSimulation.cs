// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;

namespace Pipeline.KubeApiServerDouble;

/// <summary>
/// Simulates the deployment and ReplicaSet controllers: a changed pod template gets a ReplicaSet (revision annotation
/// incremented, <c>pod-template-hash</c> label, owner reference) and pods; a template seen before (a rollback) reuses
/// its ReplicaSet with a new revision; old ReplicaSets scale to 0 once the new one is available; the Deployment's
/// status counts the pods. Rolling-update surge limits and the progress deadline are not simulated.
/// </summary>
internal static class DeploymentControllerSimulation
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string TemplateHashLabel = "pod-template-hash";
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static void Reconcile(ObjectStore store, DateTime now)
    {
        foreach (var deployment in store.List<V1Deployment>("Deployment", ns: null))
        {
            ReconcileDeployment(store, deployment, now);
        }
    }

    private static void ReconcileDeployment(ObjectStore store, V1Deployment deployment, DateTime now)
    {
        var ns = deployment.Metadata.NamespaceProperty;
        var desired = deployment.Spec.Replicas ?? 1;
        var hash = TemplateHash(deployment.Spec.Template);
        var owned = store.List<V1ReplicaSet>("ReplicaSet", ns).Where(replicaSet => IsOwnedBy(replicaSet.Metadata, deployment.Metadata.Uid)).ToList();
        var maxRevision = owned.Select(replicaSet => Revision(replicaSet.Metadata)).DefaultIfEmpty(0).Max();

        var current = owned.FirstOrDefault(replicaSet => Label(replicaSet.Metadata, TemplateHashLabel) == hash);
        if (current is null)
        {
            current = store.Write(NewReplicaSet(deployment, hash, maxRevision + 1));
        }
        else if (Revision(current.Metadata) < maxRevision)
        {
            // A rollback: the old template's ReplicaSet becomes the newest revision again.
            current.Metadata.Annotations[RevisionAnnotation] = (maxRevision + 1).ToString(CultureInfo.InvariantCulture);
            current = store.Write(current);
        }

        current.Spec.Replicas = desired;
        current = store.Write(current);
        var revision = Revision(current.Metadata);
        var newPods = ScalePods(store, current, desired, now);
        var newReady = newPods.Count(IsReady);

        var allPods = new List<V1Pod>(newPods);
        foreach (var old in owned.Where(replicaSet => replicaSet.Metadata.Uid != current.Metadata.Uid))
        {
            if (newReady >= desired)
            {
                old.Spec.Replicas = 0;
                store.Write(old);
            }

            allPods.AddRange(ScalePods(store, store.Get<V1ReplicaSet>("ReplicaSet", ns, old.Metadata.Name)!, old.Spec.Replicas ?? 0, now));
        }

        foreach (var replicaSet in store.List<V1ReplicaSet>("ReplicaSet", ns).Where(item => IsOwnedBy(item.Metadata, deployment.Metadata.Uid)))
        {
            var pods = PodsOf(store, replicaSet);
            replicaSet.Status = new V1ReplicaSetStatus
            {
                Replicas = pods.Count,
                ReadyReplicas = pods.Count(IsReady),
                AvailableReplicas = pods.Count(IsReady),
                ObservedGeneration = replicaSet.Metadata.Generation,
            };
            store.Write(replicaSet);
        }

        var available = allPods.Count(IsReady);
        deployment.Metadata.Annotations ??= new Dictionary<string, string>();
        deployment.Metadata.Annotations[RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);
        var complete = newReady >= desired && allPods.Count == desired;
        deployment.Status = new V1DeploymentStatus
        {
            ObservedGeneration = deployment.Metadata.Generation,
            Replicas = allPods.Count,
            UpdatedReplicas = newPods.Count,
            ReadyReplicas = available,
            AvailableReplicas = available,
            UnavailableReplicas = Math.Max(0, allPods.Count - available) is var unavailable and > 0 ? unavailable : null,
            Conditions =
            [
                Condition(deployment, "Available", available >= desired ? "True" : "False",
                    available >= desired ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                    available >= desired ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", now),
                Condition(deployment, "Progressing", "True",
                    complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                    complete ? $"ReplicaSet \"{current.Metadata.Name}\" has successfully progressed." : $"ReplicaSet \"{current.Metadata.Name}\" is progressing.", now),
            ],
        };
        store.Write(deployment);
    }

    private static List<V1Pod> ScalePods(ObjectStore store, V1ReplicaSet replicaSet, int desired, DateTime now)
    {
        var pods = PodsOf(store, replicaSet);
        foreach (var extra in pods.Skip(desired).ToList())
        {
            store.Delete(new ObjectKey("Pod", extra.Metadata.NamespaceProperty, extra.Metadata.Name));
            pods.Remove(extra);
        }

        while (pods.Count < desired)
        {
            pods.Add(store.Write(NewPod(replicaSet, now)));
        }

        return pods;
    }

    private static List<V1Pod> PodsOf(ObjectStore store, V1ReplicaSet replicaSet) =>
        store.List<V1Pod>("Pod", replicaSet.Metadata.NamespaceProperty)
            .Where(pod => IsOwnedBy(pod.Metadata, replicaSet.Metadata.Uid))
            .ToList();

    private static V1ReplicaSet NewReplicaSet(V1Deployment deployment, string hash, long revision)
    {
        var template = Clone(deployment.Spec.Template);
        template.Metadata ??= new V1ObjectMeta();
        template.Metadata.Labels = new Dictionary<string, string>(template.Metadata.Labels ?? new Dictionary<string, string>()) { [TemplateHashLabel] = hash };
        var selector = new Dictionary<string, string>(deployment.Spec.Selector?.MatchLabels ?? new Dictionary<string, string>()) { [TemplateHashLabel] = hash };
        return new V1ReplicaSet
        {
            ApiVersion = "apps/v1",
            Kind = "ReplicaSet",
            Metadata = new V1ObjectMeta
            {
                Name = $"{deployment.Metadata.Name}-{hash}",
                NamespaceProperty = deployment.Metadata.NamespaceProperty,
                Labels = template.Metadata.Labels,
                Annotations = new Dictionary<string, string> { [RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture) },
                OwnerReferences = [Owner("apps/v1", "Deployment", deployment.Metadata)],
            },
            Spec = new V1ReplicaSetSpec
            {
                Replicas = deployment.Spec.Replicas ?? 1,
                Selector = new V1LabelSelector { MatchLabels = selector },
                Template = template,
            },
        };
    }

    private static V1Pod NewPod(V1ReplicaSet replicaSet, DateTime now)
    {
        var template = Clone(replicaSet.Spec.Template);
        var spec = template.Spec;
        spec.NodeName = KubeletSimulation.NodeName;
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = $"{replicaSet.Metadata.Name}-{RandomNumberGenerator.GetString(NameAlphabet, 5)}",
                NamespaceProperty = replicaSet.Metadata.NamespaceProperty,
                Labels = template.Metadata?.Labels,
                Annotations = template.Metadata?.Annotations,
                OwnerReferences = [Owner("apps/v1", "ReplicaSet", replicaSet.Metadata)],
            },
            Spec = spec,
            Status = new V1PodStatus
            {
                Phase = "Pending",
                StartTime = now,
                ContainerStatuses = spec.Containers.Select(container => new V1ContainerStatus
                {
                    Name = container.Name,
                    Image = container.Image,
                    ImageID = string.Empty,
                    Ready = false,
                    RestartCount = 0,
                    State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } },
                }).ToList(),
            },
        };
    }

    private static V1DeploymentCondition Condition(V1Deployment deployment, string type, string status, string reason, string message, DateTime now)
    {
        // Keep the old timestamps when nothing changed, so an idle Deployment is not rewritten every tick.
        var previous = deployment.Status?.Conditions?.FirstOrDefault(condition => condition.Type == type);
        var same = previous is not null && previous.Status == status && previous.Reason == reason && previous.Message == message;
        return new V1DeploymentCondition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastUpdateTime = same ? previous!.LastUpdateTime : now,
            LastTransitionTime = previous is not null && previous.Status == status ? previous.LastTransitionTime : now,
        };
    }

    public static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(condition => condition.Type == "Ready" && condition.Status == "True") == true;

    private static V1OwnerReference Owner(string apiVersion, string kind, V1ObjectMeta owner) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = owner.Name,
        Uid = owner.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    private static bool IsOwnedBy(V1ObjectMeta metadata, string? uid) =>
        uid is not null && (metadata.OwnerReferences ?? []).Any(owner => owner.Uid == uid);

    private static long Revision(V1ObjectMeta metadata) =>
        long.TryParse(metadata.Annotations is { } annotations && annotations.TryGetValue(RevisionAnnotation, out var text) ? text : null, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    private static string? Label(V1ObjectMeta metadata, string key) =>
        metadata.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    private static string TemplateHash(V1PodTemplateSpec template)
    {
        var copy = Clone(template);
        copy.Metadata?.Labels?.Remove(TemplateHashLabel);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(copy)));
        return string.Concat(digest.Take(5).Select(value => NameAlphabet[value % NameAlphabet.Length].ToString()))
            + string.Concat(digest.Skip(5).Take(5).Select(value => NameAlphabet[value % NameAlphabet.Length].ToString()));
    }

    private static T Clone<T>(T item) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(item!));
}
