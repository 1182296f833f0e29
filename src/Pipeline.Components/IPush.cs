using Pipeline.Components.Progress;
using Pipeline.Engine;
using Pipeline.Image;
using Pipeline.Registry;

namespace Pipeline.Components;

/// <summary>
/// Push: sends the image the engine built (release and extra tags) with credentials held in memory (no
/// <c>docker login</c>, so nothing to log out of), then verifies through the registry API that each tag resolves to
/// the digest the push reported. An image the direct builder pushed as it built is only verified. Hands on the
/// <see cref="PushedImage"/>; an unchanged release is skipped with the registry's digest.
/// </summary>
public interface IPush : IImage
{
    /// <summary>Pushes and verifies the release image.</summary>
    Target Push => _ => _
        .Description("Push the image with in-memory credentials and verify its digest through the registry API")
        .DependsOn(Image)
        .Executes(async cancellationToken =>
        {
            var image = ResultOf<ImageOutcome>(Image) ?? throw new InvalidOperationException("Image handed on no image.");
            if (image.IsUnchanged)
            {
                throw new TargetSkippedException(image.UnchangedReason!, new PushedImage(image.Release, image.RegistryDigest!.Value, Uploaded: false));
            }

            using var registry = await ConnectRegistryAsync(cancellationToken);
            if (image.Built is { PushedDigest: { } directDigest })
            {
                // The direct builder pushed as it built: what is left is the proof.
                var verifier = new PushVerifier(registry, Log);
                foreach (var tag in image.Tags)
                {
                    await verifier.VerifyAsync(tag, directDigest, "Pipeline's direct builder", cancellationToken);
                }

                var verified = new PushedImage(image.Release, directDigest, Uploaded: true);
                Summary.Add("Image", $"{verified}{ImageIndexText(image.Built.Platforms)} ({image.Built.UploadedBytes} bytes uploaded)");
                return verified;
            }

            var credentials = await ResolveRegistryCredentialsAsync(cancellationToken);
            var engine = await ConnectEngineAsync(cancellationToken);
            Digest? releaseDigest = null;
            foreach (var tag in image.Tags)
            {
                var digest = await PushProgressView.RunAsync(this, (progress, log) =>
                    new ImagePublisher(new ImagePusher(engine, log, CliInputNames.Value), registry, log).PushAndVerifyAsync(tag, credentials, progress, cancellationToken));
                releaseDigest ??= tag == image.Release ? digest : null;
            }

            var pushed = new PushedImage(image.Release, releaseDigest!.Value, Uploaded: true);
            Summary.Add("Image", pushed.ToString());
            return pushed;
        });
}
