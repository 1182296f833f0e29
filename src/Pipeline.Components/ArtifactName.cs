using System.Diagnostics.CodeAnalysis;
using Pipeline.Engine;
using Pipeline.Manifests;

namespace Pipeline.Components;

/// <summary>
/// What the chain ships under one name: the image repository under the registry, the Kubernetes app (Deployment,
/// Service, container) and the folders under <c>artifacts/</c>. So it must be valid as all three: an RFC 1123 label
/// (lower-case letters, digits, '-'), which is also a one-component repository and a plain folder name. Parsed where
/// it is given: <c>team/orders</c>, <c>orders_api</c> or <c>../x</c> fail before anything is compiled or pushed.
/// </summary>
public readonly record struct ArtifactName : IParsable<ArtifactName>
{
    private ArtifactName(DnsLabel label) => Label = label;

    /// <summary>The name as Kubernetes objects carry it.</summary>
    public DnsLabel Label { get; }

    /// <summary>The name text: the repository, the app name, the folder.</summary>
    public string Value => Label.Value;

    /// <summary>The default for a project: <c>Orders.Api.csproj</c> → <c>orders-api</c>.</summary>
    public static ArtifactName FromProject(AbsolutePath project) => FromName(Path.GetFileNameWithoutExtension(project.Name));

    /// <summary>The default for a build that names no project: its root folder, <c>Orders.Api/</c> → <c>orders-api</c>.</summary>
    public static ArtifactName FromFolder(AbsolutePath folder) => FromName(folder.Name);

    private static ArtifactName FromName(string name) => Parse(DnsLabel.KebabCase(name));

    /// <summary>Parses a name; throws <see cref="FormatException"/> naming the input and a valid alternative.</summary>
    public static ArtifactName Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc />
    public static ArtifactName Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        try
        {
            return new ArtifactName(DnsLabel.Parse(s));
        }
        catch (FormatException exception)
        {
            throw new FormatException(
                $"{exception.Message}. The artifact names the image repository, the Kubernetes app and its folder under artifacts/, "
                + "so it is one such name: no '/', '_', '.' or upper case", exception);
        }
    }

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ArtifactName result)
    {
        var valid = DnsLabel.TryParse(s, out var label);
        result = valid ? new ArtifactName(label) : default;
        return valid;
    }

    /// <summary>The name text.</summary>
    public override string ToString() => Value;
}
