using Pipeline.Components.Progress;
using Pipeline.Engine;
using Pipeline.Image;
using Pipeline.Registry;
using Pipeline.Registry.Http;

namespace Pipeline.Components;

/// <summary>
/// Push: sends the release image (and extra tags) with credentials held in memory (no <c>docker login</c>, so
/// there is nothing to log out of), then verifies through the registry API that the tag resolves to the
/// digest the push reported. The digest is handed to Render and shown in the summary.
/// </summary>
public interface IPush : IImage
{
    /// <summary>Pushes and verifies the release image.</summary>
    Target Push => _ => _
        .Description("Push the image with in-memory credentials and verify its digest through the registry API")
        .DependsOn(Image)
        .Executes(async cancellationToken =>
        {
            var chain = State<ChainState>();
            if (chain.UnchangedReason is { } unchanged)
            {
                throw new TargetSkippedException(unchanged);
            }

            var release = await ResolveReleaseAsync(cancellationToken);
            var releaseImage = ReleaseImage(release);
            var credentials = await ResolveRegistryCredentialsAsync(cancellationToken);
            var engine = await ConnectEngineAsync(cancellationToken);
            using var registry = await ConnectRegistryAsync(cancellationToken);

            Digest? releaseDigest = null;
            foreach (var tag in chain.BuildTags?.Tags ?? [])
            {
                var digest = await PushProgressView.RunAsync(this, (progress, log) =>
                    new ImagePublisher(new ImagePusher(engine, log, CliInputNames.Value), registry, log).PushAndVerifyAsync(tag, credentials, progress, cancellationToken));
                releaseDigest ??= tag == releaseImage ? digest : null;
            }

            chain.ImageDigest = releaseDigest;
            Summary.Add("Image", $"{releaseImage}@{releaseDigest}");
        });
}
