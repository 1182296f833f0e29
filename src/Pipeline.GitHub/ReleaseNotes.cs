using System.Text;
using Pipeline.Registry;

namespace Pipeline.GitHub;

/// <summary>The Markdown body of a release: what was shipped and how to pull exactly that image.</summary>
internal static class ReleaseNotes
{
    internal static string Compose(GitHubReleaseRequest request, string? manifestAssetName)
    {
        var image = request.Image;
        var digest = request.EffectiveDigest;
        var notes = new StringBuilder()
            .AppendLine($"Release **{request.Version}** of the container image `{image.Name}`.")
            .AppendLine()
            .AppendLine("| | |")
            .AppendLine("| --- | --- |")
            .AppendLine($"| Image | `{image}` |")
            .AppendLine($"| Digest | {(digest is { } d ? $"`{d}`" : "not recorded")} |")
            .AppendLine($"| Revision | {(string.IsNullOrWhiteSpace(request.TargetCommitish) ? "not recorded" : $"`{request.TargetCommitish}`")} |")
            .AppendLine()
            .AppendLine(digest is null
                ? "Pull it (by tag: no digest was recorded, so this is not pinned):"
                : "Pull exactly this build (pinned by digest):")
            .AppendLine()
            .AppendLine("```sh")
            .AppendLine($"docker pull {Pinned(image, digest)}")
            .AppendLine("```");
        if (manifestAssetName is not null)
        {
            notes.AppendLine()
                .AppendLine($"The rendered Kubernetes manifest is attached as `{manifestAssetName}`.");
        }

        return notes.ToString();
    }

    private static ImageReference Pinned(ImageReference image, Digest? digest) =>
        digest is { } pin ? ImageReference.Create(image.Registry, image.Repository, pin) : image;
}
