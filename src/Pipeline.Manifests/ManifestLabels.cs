using System.Text.RegularExpressions;

namespace Pipeline.Manifests;

/// <summary>
/// The label and annotation keys Pipeline writes. The recommended <c>app.kubernetes.io/*</c> labels let
/// dashboards and <c>kubectl get -l</c> find the service; <c>pipeline.io/*</c> annotations record what was deployed.
/// </summary>
public static partial class ManifestLabels
{
    /// <summary>The service name; the only label in the Deployment's (immutable) selector.</summary>
    public const string Name = "app.kubernetes.io/name";

    /// <summary>The release running.</summary>
    public const string Version = "app.kubernetes.io/version";

    /// <summary>Marks objects Pipeline manages; its value is <see cref="ManagedByValue"/>.</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    /// <summary>The value of <see cref="ManagedBy"/>.</summary>
    public const string ManagedByValue = "pipeline";

    /// <summary>Annotation: the exact release (SemVer, build metadata included).</summary>
    public const string ReleaseAnnotation = "pipeline.io/release";

    /// <summary>Annotation: the git commit the image was built from.</summary>
    public const string RevisionAnnotation = "pipeline.io/revision";

    /// <summary>Annotation: the digest the registry reported for the pushed image.</summary>
    public const string DigestAnnotation = "pipeline.io/digest";

    private const string AnnotationPrefix = "pipeline.io/";

    /// <summary>
    /// Checks user labels: valid keys and values, and none of the keys Pipeline sets itself (a second
    /// <c>app.kubernetes.io/name</c> would break the selector).
    /// </summary>
    internal static void ValidateExtraLabels(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in labels)
        {
            ValidateKey(key, "label");
            if (key is Name or Version or ManagedBy)
            {
                throw Invalid($"extra label '{key}' is set by Pipeline itself: remove it from ExtraLabels "
                    + "(change the artifact name or release instead)");
            }

            if (!IsLabelValue(value))
            {
                throw Invalid($"extra label '{key}' has invalid value '{value}': use at most 63 letters, digits, '-', '_' "
                    + "and '.', starting and ending with a letter or digit (or leave it empty)");
            }
        }
    }

    /// <summary>Checks user annotations: valid keys, and none in the <c>pipeline.io/</c> prefix Pipeline owns.</summary>
    internal static void ValidateExtraAnnotations(IReadOnlyDictionary<string, string> annotations)
    {
        foreach (var key in annotations.Keys)
        {
            ValidateKey(key, "annotation");
            if (key.StartsWith(AnnotationPrefix, StringComparison.Ordinal))
            {
                throw Invalid($"extra annotation '{key}' uses the '{AnnotationPrefix}' prefix Pipeline owns: choose another prefix");
            }
        }
    }

    /// <summary>
    /// The <c>app.kubernetes.io/version</c> value for a release: label values cannot hold '+', so build metadata
    /// is joined with '_' as in the image tag.
    /// </summary>
    internal static string VersionValue(string release)
    {
        var value = release.Replace('+', '_');
        return IsLabelValue(value)
            ? value
            : throw Invalid($"release '{release}' cannot be a label value (at most 63 characters): shorten its pre-release or build metadata");
    }

    private static void ValidateKey(string key, string what)
    {
        if (!QualifiedName().IsMatch(key) || key.Split('/')[^1].Length > 63 || key.Length > 316)
        {
            throw Invalid($"{what} key '{key}' is invalid: use [prefix/]name where name is at most 63 letters, digits, '-', '_' "
                + "and '.', e.g. 'team.example.com/owner'");
        }
    }

    private static bool IsLabelValue(string value) => value.Length == 0 || (value.Length <= 63 && LabelValue().IsMatch(value));

    private static ManifestException Invalid(string message) => new(ManifestFailureKind.InvalidSetting, message);

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValue();
}
