using System.Net;
using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>What the engine says about itself (<c>docker info</c> / <c>docker version</c>) that builds depend on.</summary>
/// <param name="Version">The engine version, e.g. <c>20.10.24</c>.</param>
/// <param name="ApiVersion">The API version it speaks, e.g. <c>1.41</c>.</param>
/// <param name="StorageDriver">The storage driver, e.g. <c>overlay2</c>.</param>
/// <param name="HasBridgeNetwork">
/// Whether a <c>bridge</c> network exists. Engines started with <c>--bridge=none</c> have none, so build steps
/// must use the host network.
/// </param>
/// <param name="InsecureRegistryCidrs">Networks whose registries the engine reaches over plain HTTP.</param>
/// <param name="InsecureRegistries">Registry names the engine reaches over plain HTTP.</param>
public sealed record EngineInfo(
    string Version,
    string ApiVersion,
    string StorageDriver,
    bool HasBridgeNetwork,
    IReadOnlyList<string> InsecureRegistryCidrs,
    IReadOnlyList<string> InsecureRegistries)
{
    /// <summary>The network mode builds should use: <c>host</c> without a bridge network, else the default.</summary>
    public string? BuildNetworkMode => NetworkModeFor(HasBridgeNetwork);

    /// <summary>The network mode builds should use on an engine with or without a bridge network.</summary>
    internal static string? NetworkModeFor(bool hasBridgeNetwork) => hasBridgeNetwork ? null : "host";

    /// <summary>
    /// True when the engine talks plain HTTP to <paramref name="registry"/>: the name is listed as insecure, or its
    /// address lies in an insecure CIDR (loopback is, by default).
    /// </summary>
    public bool AllowsPlainHttp(RegistryHost registry)
    {
        if (InsecureRegistries.Contains(registry.Value, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        IPAddress[] addresses = IPAddress.TryParse(registry.Hostname, out var literal)
            ? [literal]
            : registry.IsLoopback ? [IPAddress.Loopback] : [];
        return addresses.Any(address => InsecureRegistryCidrs.Any(cidr =>
            IPNetwork.TryParse(cidr, out var network) && network.Contains(address)));
    }
}
