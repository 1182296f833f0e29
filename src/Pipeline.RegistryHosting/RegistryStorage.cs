using k8s.Models;
using Pipeline.Manifests;

namespace Pipeline.RegistryHosting;

/// <summary>
/// The volume a hosted registry stores images on: a PersistentVolumeClaim of a given size (and optional storage
/// class), or a hostPath directory. Built with <see cref="PersistentVolumeClaim"/> or <see cref="HostPath"/>, which
/// validate, so a typo fails when the settings are made, not when the cluster refuses the claim.
/// </summary>
public sealed record RegistryStorage
{
    private static readonly HashSet<string> SystemFolders = new(StringComparer.Ordinal)
    {
        "bin", "boot", "dev", "etc", "home", "lib", "lib64", "proc", "root", "run", "sbin", "srv", "sys", "tmp", "usr", "var",
    };

    private RegistryStorage(RegistryStorageKind kind, string? size, string? storageClassName, string? hostPath)
    {
        Kind = kind;
        Size = size;
        StorageClassName = storageClassName;
        Path = hostPath;
    }

    /// <summary>Which kind of volume.</summary>
    public RegistryStorageKind Kind { get; }

    /// <summary>The claim's requested size (a Kubernetes quantity such as <c>20Gi</c>); null for a hostPath.</summary>
    public string? Size { get; }

    /// <summary>The claim's storage class, or null for the cluster's default class.</summary>
    public string? StorageClassName { get; }

    /// <summary>The node directory of a hostPath volume; null for a claim.</summary>
    public string? Path { get; }

    /// <summary>A PersistentVolumeClaim of <paramref name="size"/> (e.g. <c>20Gi</c>) in <paramref name="storageClassName"/> (the default class when null).</summary>
    /// <exception cref="ManifestException">The size is not a positive Kubernetes quantity, or the class name is invalid.</exception>
    public static RegistryStorage PersistentVolumeClaim(string size, string? storageClassName = null)
    {
        ArgumentNullException.ThrowIfNull(size);
        ValidateSize(size);
        if (storageClassName is not null && !DnsSubdomain.IsValid(storageClassName))
        {
            throw Invalid($"storage class '{storageClassName}' is not a valid Kubernetes name: use lower-case letters, digits, '-' "
                + "and '.', e.g. 'standard' or 'fast-ssd' (or leave it out for the cluster's default class)");
        }

        return new RegistryStorage(RegistryStorageKind.PersistentVolumeClaim, size, storageClassName, hostPath: null);
    }

    /// <summary>A hostPath volume at <paramref name="path"/> on the node, created when missing.</summary>
    /// <exception cref="ManifestException">The path is not absolute.</exception>
    public static RegistryStorage HostPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/') || path.Contains("/../", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal))
        {
            throw Invalid($"registry hostPath '{path}' must be an absolute path on the node without '..', e.g. '/srv/registry'");
        }

        // The registry writes (and garbage-collects) everything under the folder: the node's root or a system folder
        // would be given to it whole.
        if (path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries) is { Length: <= 1 } parts
            && (parts.Length == 0 || SystemFolders.Contains(parts[0])))
        {
            throw Invalid($"registry hostPath '{path}' is the node's root or a system folder, which the registry would own whole: "
                + "give a folder of its own, e.g. '/srv/registry'");
        }

        return new RegistryStorage(RegistryStorageKind.HostPath, size: null, storageClassName: null, path);
    }

    /// <summary>Names the volume.</summary>
    public override string ToString() => Kind == RegistryStorageKind.HostPath
        ? $"hostPath {Path}"
        : $"PersistentVolumeClaim of {Size}" + (StorageClassName is null ? string.Empty : $" in storage class {StorageClassName}");

    private static void ValidateSize(string size)
    {
        var advice = "use a positive quantity with a binary suffix, e.g. '20Gi' or '500Gi'";
        decimal bytes;
        try
        {
            bytes = new ResourceQuantity(size).ToDecimal();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new ManifestException(
                ManifestFailureKind.InvalidSetting,
                $"registry storage size '{size}' is not a Kubernetes quantity: {advice} (Kubernetes writes gigabytes as 'G' or 'Gi', never 'GB')",
                e);
        }

        if (bytes <= 0)
        {
            throw Invalid($"registry storage size '{size}' is not positive: {advice}");
        }
    }

    private static ManifestException Invalid(string message) => new(ManifestFailureKind.InvalidSetting, message);
}
