using System.Text;
using k8s;
using k8s.Models;

namespace Pipeline.Manifests;

/// <summary>
/// Writes a <see cref="ManifestSet"/> as multi-document YAML (<c>---</c> between documents), deterministically:
/// model fields in the models' fixed order, maps as built, no timestamps, LF line endings, a trailing newline,
/// UTF-8 without a BOM. The same inputs give the same bytes, so the file can be diffed and committed.
/// The pull Secret is never part of it.
/// </summary>
public static class ManifestWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The conventional output path: <c>&lt;artifactsDirectory&gt;/k8s/&lt;artifact&gt;.yaml</c>.</summary>
    public static string DefaultPath(string artifactsDirectory, DnsLabel artifact)
    {
        ArgumentException.ThrowIfNullOrEmpty(artifactsDirectory);
        return Path.Combine(artifactsDirectory, "k8s", $"{artifact}.yaml");
    }

    /// <summary>
    /// Starts on the thread pool the one-time set-up of KubernetesClient's YAML serializer (its static constructor
    /// reflects over every model type to build two deserializers and a serializer: ≈ 0.3 s, most of an unchanged
    /// Render), so that a build that will render later does not wait for it then. Its failure, if any, is met again
    /// where the YAML is written.
    /// </summary>
    public static void Prepare() =>
        _ = Task.Run(() =>
        {
            try
            {
                KubernetesYaml.Serialize(new V1Namespace());
            }
            catch (TypeInitializationException)
            {
                // Thrown again, with its cause, by the Serialize of the real write.
            }
        });

    /// <summary>The YAML text of <paramref name="manifests"/>' <see cref="ManifestSet.Documents"/>.</summary>
    public static string ToYaml(ManifestSet manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        var builder = new StringBuilder();
        foreach (var document in manifests.Documents)
        {
            if (builder.Length > 0)
            {
                builder.Append("---\n");
            }

            var yaml = KubernetesYaml.Serialize(document).ReplaceLineEndings("\n");
            builder.Append(yaml);
            if (!yaml.EndsWith('\n'))
            {
                builder.Append('\n');
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Writes <paramref name="manifests"/> to <paramref name="path"/> (conventionally <c>artifacts/k8s/&lt;artifact&gt;.yaml</c>),
    /// creating its directory; returns the full path written.
    /// </summary>
    public static async Task<string> WriteAsync(ManifestSet manifests, string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        await File.WriteAllTextAsync(fullPath, ToYaml(manifests), Utf8NoBom, cancellationToken);
        return fullPath;
    }
}
