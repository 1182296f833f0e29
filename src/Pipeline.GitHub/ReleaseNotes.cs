using System.Text;
using Pipeline.Registry;

namespace Pipeline.GitHub;

/// <summary>The Markdown body of a release: what was shipped and how to pull exactly those images.</summary>
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
            .AppendLine($"| Digest | {DigestCell(digest)} |")
            .AppendLine($"| Revision | {Revision(request.TargetCommitish)} |")
            .AppendLine();
        AppendPullLines(notes, [(image, digest)]);
        if (manifestAssetName is not null)
        {
            notes.AppendLine()
                .AppendLine($"The rendered Kubernetes manifest is attached as `{manifestAssetName}`.");
        }

        return notes.ToString();
    }

    internal static string Compose(GitHubServicesReleaseRequest request, IReadOnlyList<string> manifestAssetNames)
    {
        var notes = new StringBuilder()
            .AppendLine($"Release **{request.Version}** of {request.Services.Count} services, revision {Revision(request.TargetCommitish)}.")
            .AppendLine()
            .AppendLine("| Service | Image | Digest | What happened |")
            .AppendLine("| --- | --- | --- | --- |");
        foreach (var service in request.Services)
        {
            var byTag = service.Image.Tag is { } tag ? ImageReference.Create(service.Image.Registry, service.Image.Repository, tag) : service.Image;
            notes.AppendLine($"| {Cell(service.Name)} | `{byTag}` | {DigestCell(service.Image.Digest)} | {Cell(service.Shipment)} |");
        }

        notes.AppendLine();
        AppendPullLines(notes, [.. request.Services.Select(service => (service.Image, service.Image.Digest))]);
        if (manifestAssetNames.Count > 0)
        {
            notes.AppendLine()
                .AppendLine($"The rendered Kubernetes manifests are attached: {string.Join(", ", manifestAssetNames.Select(name => $"`{name}`"))}.");
        }

        return notes.ToString();
    }

    private static void AppendPullLines(StringBuilder notes, IReadOnlyList<(ImageReference Image, Digest? Digest)> images)
    {
        var pinned = images.All(image => image.Digest is not null);
        notes.AppendLine((pinned, images.Count) switch
            {
                (true, 1) => "Pull exactly this build (pinned by digest):",
                (true, _) => "Pull exactly these builds (pinned by digest):",
                (false, 1) => "Pull it (by tag: no digest was recorded, so this is not pinned):",
                (false, _) => "Pull them (by tag where no digest was recorded: those are not pinned):",
            })
            .AppendLine()
            .AppendLine("```sh");
        foreach (var (image, digest) in images)
        {
            notes.AppendLine($"docker pull {Pinned(image, digest)}");
        }

        notes.AppendLine("```");
    }

    private static string DigestCell(Digest? digest) => digest is { } d ? $"`{d}`" : "not recorded";

    private static string Revision(string? commitish) => string.IsNullOrWhiteSpace(commitish) ? "not recorded" : $"`{commitish}`";

    /// <summary>Text in a table cell: a pipe would end the cell, a line break the row.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static ImageReference Pinned(ImageReference image, Digest? digest) =>
        digest is { } pin ? ImageReference.Create(image.Registry, image.Repository, pin) : image;
}
