using k8s.Models;

namespace Pipeline.Manifests;

/// <summary>
/// CPU and memory requests and limits for the service container, in Kubernetes quantity notation
/// (<c>100m</c>, <c>128Mi</c>). A null limit is left unset.
/// </summary>
public sealed record ContainerResources
{
    /// <summary>Creates resources; each quantity is validated so a typo fails here, not at apply time.</summary>
    public ContainerResources(string cpuRequest, string memoryRequest, string? cpuLimit, string? memoryLimit)
    {
        CpuRequest = Validate(cpuRequest, nameof(cpuRequest));
        MemoryRequest = Validate(memoryRequest, nameof(memoryRequest));
        CpuLimit = cpuLimit is null ? null : Validate(cpuLimit, nameof(cpuLimit));
        MemoryLimit = memoryLimit is null ? null : Validate(memoryLimit, nameof(memoryLimit));
    }

    /// <summary>Modest defaults for a small .NET service: requests 100m / 128Mi, limits 500m / 256Mi.</summary>
    public static ContainerResources Default { get; } = new("100m", "128Mi", "500m", "256Mi");

    /// <summary>The CPU request, e.g. <c>100m</c>.</summary>
    public string CpuRequest { get; }

    /// <summary>The memory request, e.g. <c>128Mi</c>.</summary>
    public string MemoryRequest { get; }

    /// <summary>The CPU limit, or null for none.</summary>
    public string? CpuLimit { get; }

    /// <summary>The memory limit, or null for none.</summary>
    public string? MemoryLimit { get; }

    /// <summary>The typed requirements, keys in a stable order.</summary>
    public V1ResourceRequirements ToModel()
    {
        var requests = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["cpu"] = new(CpuRequest),
            ["memory"] = new(MemoryRequest),
        };
        var limits = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        if (CpuLimit is not null)
        {
            limits["cpu"] = new(CpuLimit);
        }

        if (MemoryLimit is not null)
        {
            limits["memory"] = new(MemoryLimit);
        }

        return new V1ResourceRequirements { Requests = requests, Limits = limits.Count > 0 ? limits : null };
    }

    private static string Validate(string quantity, string parameter)
    {
        ArgumentNullException.ThrowIfNull(quantity, parameter);
        try
        {
            _ = new ResourceQuantity(quantity).ToDecimal();
            return quantity;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new ManifestException(
                ManifestFailureKind.InvalidSetting,
                $"resource quantity '{quantity}' ({parameter}) is not a Kubernetes quantity: write CPU as cores or millicores "
                + "('0.5', '500m') and memory with a binary suffix ('128Mi', '1Gi')",
                e);
        }
    }
}
