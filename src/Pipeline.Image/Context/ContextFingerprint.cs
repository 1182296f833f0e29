using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Image;

/// <summary>
/// A SHA-256 over everything that decides what a build produces: the files sent (paths, contents, modes), the
/// Dockerfile, the build arguments, the target stage and the base image. Equal fingerprints mean a rebuild would
/// produce the same image; it is stored on the image as the label <see cref="LabelName"/>.
/// </summary>
public readonly record struct ContextFingerprint
{
    /// <summary>The image label that holds the fingerprint.</summary>
    public const string LabelName = "io.pipeline.fingerprint";

    private ContextFingerprint(string value) => Value = value;

    /// <summary><c>sha256:</c> followed by 64 hex characters.</summary>
    public string Value { get; }

    /// <summary>
    /// Computes the fingerprint of a build. A file's digest is reused from the user's cache (see
    /// <see cref="StampCache.DefaultFolder"/>) while its device, inode, size and modification and change times are
    /// those it had when it was last read; any write changes them, so the file is read again.
    /// </summary>
    /// <param name="context">The files sent and the Dockerfile.</param>
    /// <param name="buildArguments">Build arguments (order does not matter).</param>
    /// <param name="targetStage">The target stage, or null for the last one.</param>
    /// <param name="baseImage">The base image reference the build uses, or null when the Dockerfile decides.</param>
    /// <param name="cancellationToken">Cancels reading the files.</param>
    public static Task<ContextFingerprint> ComputeAsync(
        BuildContext context,
        IReadOnlyDictionary<string, string> buildArguments,
        string? targetStage,
        string? baseImage,
        CancellationToken cancellationToken) =>
        ComputeAsync(context, buildArguments, targetStage, baseImage, StampCache.DefaultFolder, TimeProvider.System, cancellationToken);

    /// <summary>Computes the fingerprint, remembering file digests in <paramref name="cacheFolder"/> (null: none).</summary>
    internal static async Task<ContextFingerprint> ComputeAsync(
        BuildContext context,
        IReadOnlyDictionary<string, string> buildArguments,
        string? targetStage,
        string? baseImage,
        string? cacheFolder,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(buildArguments);
        ArgumentNullException.ThrowIfNull(clock);
        // One cache per context folder: it holds that folder's files only, so it never outgrows the context.
        var cache = StampCache.Load(cacheFolder, $"context-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(context.Directory)))[..16]}.stamps");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in context.Entries)
        {
            Append(hash, "entry", entry.Kind.ToString(), entry.RelativePath, Convert.ToString((int)entry.Mode, 8));
            Append(hash, entry.Kind switch
            {
                TarEntryType.RegularFile => await DigestAsync(entry, cache, clock, cancellationToken),
                TarEntryType.SymbolicLink => entry.LinkTarget ?? string.Empty,
                _ => string.Empty,
            });
        }

        await cache.SaveAsync(cancellationToken);
        Append(hash, "dockerfile", context.DockerfileName, await HashFileAsync(context.DockerfilePath, cancellationToken));
        foreach (var argument in buildArguments.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            Append(hash, "arg", argument.Key, argument.Value);
        }

        Append(hash, "target", targetStage ?? string.Empty);
        Append(hash, "base", baseImage ?? string.Empty);
        return new ContextFingerprint("sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>
    /// The fingerprint of a multi-platform image: its platforms' fingerprints, in order, with their platforms, so a
    /// change in any platform's inputs (or in the platforms) changes it. Every platform's image carries it.
    /// </summary>
    public static ContextFingerprint Combine(IReadOnlyList<(Platform Platform, ContextFingerprint Fingerprint)> platforms)
    {
        ArgumentNullException.ThrowIfNull(platforms);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (platform, fingerprint) in platforms)
        {
            Append(hash, "platform", platform.ToString(), fingerprint.Value);
        }

        return new ContextFingerprint("sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>Reads a fingerprint back from the label value.</summary>
    public static ContextFingerprint? FromLabel(string? value) =>
        value is { Length: 71 } && value.StartsWith("sha256:", StringComparison.Ordinal) && value[7..].All(char.IsAsciiHexDigitLower)
            ? new ContextFingerprint(value)
            : null;

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    private static void Append(IncrementalHash hash, params string[] fields) => FieldHash.Append(hash, fields);

    // The remembered digest while the stamp is unchanged; else the file is read, and its digest remembered when
    // its stamp is settled and did not move while it was read (a write meanwhile would leave a wrong digest).
    private static async Task<string> DigestAsync(ContextEntry entry, StampCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var readAt = clock.GetUtcNow();
        var stamp = FileStamp.Read(entry.FullPath);
        if (stamp is { } known && cache.Find(entry.RelativePath, known.ToString()) is { } remembered)
        {
            return remembered;
        }

        var digest = await HashFileAsync(entry.FullPath, cancellationToken);
        if (stamp is { } before && before.IsSettledAt(readAt) && FileStamp.Read(entry.FullPath) == before)
        {
            cache.Remember(entry.RelativePath, before.ToString(), digest);
        }

        return digest;
    }

    private static Task<string> HashFileAsync(string path, CancellationToken cancellationToken) => FieldHash.FileAsync(path, cancellationToken);
}
