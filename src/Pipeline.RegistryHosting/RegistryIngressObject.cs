using k8s.Models;

namespace Pipeline.RegistryHosting;

/// <summary>The Ingress that serves a hosted registry at <c>https://host</c> through ingress-nginx.</summary>
internal static class RegistryIngressObject
{
    /// <summary>ingress-nginx caps request bodies at 1 MiB by default; image layers are far larger, so lift the cap.</summary>
    public const string ProxyBodySizeAnnotation = "nginx.ingress.kubernetes.io/proxy-body-size";

    /// <summary>Tells cert-manager which ClusterIssuer fills the TLS Secret.</summary>
    public const string ClusterIssuerAnnotation = "cert-manager.io/cluster-issuer";

    public static V1Ingress Build(RegistryWorkload workload, RegistryIngressSettings ingress)
    {
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { [ProxyBodySizeAnnotation] = "0" };
        if (ingress.ClusterIssuer is { } issuer)
        {
            annotations[ClusterIssuerAnnotation] = issuer.Value;
        }

        var metadata = RegistryObjects.Metadata(workload, workload.Name.Value);
        metadata.Annotations = annotations;
        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = metadata,
            Spec = new V1IngressSpec
            {
                IngressClassName = ingress.IngressClassName.Value,
                // Always TLS: Docker refuses plain HTTP to any registry that is not loopback or listed as insecure.
                Tls = [new V1IngressTLS { Hosts = [ingress.Host], SecretName = ingress.TlsSecretName.Value }],
                Rules =
                [
                    new V1IngressRule
                    {
                        Host = ingress.Host,
                        Http = new V1HTTPIngressRuleValue
                        {
                            Paths =
                            [
                                new V1HTTPIngressPath
                                {
                                    Path = "/",
                                    PathType = "Prefix",
                                    Backend = new V1IngressBackend
                                    {
                                        Service = new V1IngressServiceBackend
                                        {
                                            Name = workload.Name.Value,
                                            Port = new V1ServiceBackendPort { Number = RegistryContainerLayout.Port },
                                        },
                                    },
                                },
                            ],
                        },
                    },
                ],
            },
        };
    }
}
