using System.Security.Cryptography;
using Pipeline.Engine;
using Pipeline.Image;

namespace Pipeline.Services;

/// <summary>
/// Use case: reads each service's source inputs and fingerprints them by content (<see cref="ServiceFingerprint"/>).
/// Reads files only; a service whose inputs cannot be told statically comes back without a fingerprint, with the
/// reasons, so it is always built and never skipped wrongly.
/// </summary>
public static class ServiceSources
{
    /// <summary>The sources of every service of <paramref name="catalog"/>, in its order.</summary>
    /// <exception cref="ServicesException">An MSBuild file the services read is not well-formed XML.</exception>
    public static async Task<IReadOnlyList<ServiceSource>> ReadAsync(ServiceCatalog catalog, BuildValues values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(values);
        var sources = new List<ServiceSource>();
        foreach (var service in catalog.Services)
        {
            sources.Add(await ReadServiceAsync(catalog.Root.Value, service, values, cancellationToken));
        }

        return sources;
    }

    private static async Task<ServiceSource> ReadServiceAsync(string root, ServiceDefinition service, BuildValues values, CancellationToken cancellationToken)
    {
        var (files, referencedProjects, untraceable) = ServiceInputs.Collect(root, service);
        var referenced = referencedProjects.Select(project => AbsolutePath.Create(project)).ToList();
        var relative = files.Select(file => (Relative: SourceTree.Relative(root, file), Full: file))
            .OrderBy(file => file.Relative, StringComparer.Ordinal).ToList();
        var inputs = relative.Select(file => file.Relative).ToList();
        if (untraceable.Count > 0)
        {
            return ServiceSource.CannotTell(service, inputs, referenced, [.. untraceable.Distinct()]);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        FieldHash.Append(hash, "project", SourceTree.Relative(root, service.Project.Value), "dockerfile", SourceTree.Relative(root, service.Dockerfile.Value));
        foreach (var file in relative)
        {
            FieldHash.Append(hash, "file", file.Relative, await FieldHash.FileAsync(file.Full, cancellationToken));
        }

        FieldHash.Append(hash, "sdk", values.SdkVersion, "configuration", values.Configuration, "runtime", values.RuntimeIdentifier, "base", values.BaseImage ?? string.Empty);
        foreach (var argument in values.BuildArguments.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            FieldHash.Append(hash, "arg", argument.Key, argument.Value);
        }

        return ServiceSource.Traced(service, inputs, referenced, ServiceFingerprint.FromHex(Convert.ToHexStringLower(hash.GetHashAndReset())));
    }
}
