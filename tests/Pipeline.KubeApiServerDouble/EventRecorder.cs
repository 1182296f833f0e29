// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
using System.Globalization;
using k8s.Models;

namespace Pipeline.KubeApiServerDouble;

/// <summary>Records pod events like the kubelet: repeats of the same reason and message bump a count.</summary>
internal static class EventRecorder
{
    public static void Record(ObjectStore store, V1Pod pod, string type, string reason, string message, DateTime now)
    {
        var ns = pod.Metadata.NamespaceProperty;
        var existing = store.List<Corev1Event>("Event", ns).FirstOrDefault(item =>
            item.InvolvedObject?.Uid == pod.Metadata.Uid && item.Reason == reason && item.Message == message);
        if (existing is not null)
        {
            existing.Count = (existing.Count ?? 1) + 1;
            existing.LastTimestamp = now;
            store.Write(existing);
            return;
        }

        store.Write(new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"{pod.Metadata.Name}.{now.Ticks:x}{Guid.NewGuid().ToString("N")[..6]}"),
                NamespaceProperty = ns,
            },
            InvolvedObject = new V1ObjectReference
            {
                Kind = "Pod",
                ApiVersion = "v1",
                Name = pod.Metadata.Name,
                NamespaceProperty = ns,
                Uid = pod.Metadata.Uid,
            },
            Type = type,
            Reason = reason,
            Message = message,
            Count = 1,
            FirstTimestamp = now,
            LastTimestamp = now,
            Source = new V1EventSource { Component = "kubelet", Host = KubeletSimulation.NodeName },
            ReportingComponent = "kubelet",
        });
    }
}
