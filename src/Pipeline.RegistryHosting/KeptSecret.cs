using k8s.Models;

namespace Pipeline.RegistryHosting;

/// <summary>A Secret that is applied but never written to the manifest file, with the strings a logger must hide.</summary>
internal sealed record KeptSecret(V1Secret Secret, IReadOnlyList<string> SecretsToMask);
