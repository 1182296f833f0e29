using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Pipeline.Registry;

/// <summary>
/// An image reference <c>[registry/]repository[:tag][@digest]</c> following the distribution reference grammar,
/// normalised the way Docker does: no domain means <c>docker.io</c>, and single-component Docker Hub names
/// get <c>library/</c>.
/// </summary>
public readonly record struct ImageReference : IParsable<ImageReference>
{
    private ImageReference(RegistryHost registry, string repository, string? tag, Digest? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry holding the image.</summary>
    public RegistryHost Registry { get; }

    /// <summary>The lower-case repository path inside the registry, e.g. <c>team/orders</c>.</summary>
    public string Repository { get; }

    /// <summary>The tag, or null when the reference has none.</summary>
    public string? Tag { get; }

    /// <summary>The digest, or null when the reference has none.</summary>
    public Digest? Digest { get; }

    /// <summary>The name without tag or digest: <c>registry/repository</c>.</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>
    /// What the registry API's manifest endpoint is asked for: the digest when there is one (it pins the
    /// content), otherwise the tag, otherwise <c>latest</c> as Docker does.
    /// </summary>
    public string ManifestReference => Digest?.ToString() ?? Tag ?? "latest";

    /// <summary>Builds a reference from parts, validating each; throws <see cref="FormatException"/> naming the fix.</summary>
    public static ImageReference Create(RegistryHost registry, string repository, string tag)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(tag);
        var input = $"{registry}/{repository}:{tag}";
        var pathError = ReferenceGrammar.ExplainInvalidPath(repository, input);
        if (pathError is not null)
        {
            throw new FormatException(pathError);
        }

        var tagError = ReferenceGrammar.ExplainInvalidTag(tag, input);
        if (tagError is not null)
        {
            throw new FormatException(tagError);
        }

        return new ImageReference(registry, NormaliseRepository(registry, repository), tag, digest: null);
    }

    /// <summary>Builds a digest-pinned reference from parts.</summary>
    public static ImageReference Create(RegistryHost registry, string repository, Digest digest)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var pathError = ReferenceGrammar.ExplainInvalidPath(repository, $"{registry}/{repository}@{digest}");
        return pathError is null
            ? new ImageReference(registry, NormaliseRepository(registry, repository), tag: null, digest)
            : throw new FormatException(pathError);
    }

    /// <summary>The same image with another tag (the digest is dropped: it belonged to the old tag).</summary>
    public ImageReference WithTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var error = ReferenceGrammar.ExplainInvalidTag(tag, $"{Name}:{tag}");
        return error is null ? new ImageReference(Registry, Repository, tag, digest: null) : throw new FormatException(error);
    }

    /// <summary>The same image pinned to <paramref name="digest"/> (the tag is kept for readability).</summary>
    public ImageReference WithDigest(Digest digest) => new(Registry, Repository, Tag, digest);

    /// <summary>The same repository in another registry (e.g. promoting from a local registry).</summary>
    public ImageReference WithRegistry(RegistryHost registry) => new(registry, NormaliseRepository(registry, Repository), Tag, Digest);

    /// <summary>Parses a reference; throws <see cref="FormatException"/> naming the input and the fix.</summary>
    public static ImageReference Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc />
    public static ImageReference Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var reference, out var error) ? reference : throw new FormatException(error);
    }

    /// <summary>Parses a reference without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out ImageReference result) => TryParse(s, provider: null, out result);

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ImageReference result) =>
        TryParse(s, out result, out _);

    /// <summary>Parses a reference, reporting why it is invalid.</summary>
    internal static bool TryParse(string? s, out ImageReference result, out string error)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(s))
        {
            error = "an image reference cannot be empty: give one such as 'registry.example.com/team/service:1.0.0'";
            return false;
        }

        var remainder = s;
        Digest? digest = null;
        var at = remainder.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!Pipeline.Registry.Digest.TryParse(remainder[(at + 1)..], out var parsedDigest, out var digestError))
            {
                error = $"image reference '{s}': {digestError}";
                return false;
            }

            digest = parsedDigest;
            remainder = remainder[..at];
        }

        string? tag = null;
        var lastColon = remainder.LastIndexOf(':');
        if (lastColon > remainder.LastIndexOf('/'))
        {
            tag = remainder[(lastColon + 1)..];
            remainder = remainder[..lastColon];
            var tagError = ReferenceGrammar.ExplainInvalidTag(tag, s);
            if (tagError is not null)
            {
                error = tagError;
                return false;
            }
        }

        var registry = RegistryHost.DockerHub;
        var slash = remainder.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && ReferenceGrammar.LooksLikeDomain(remainder[..slash]))
        {
            if (!RegistryHost.TryParse(remainder[..slash], out registry, out var hostError))
            {
                error = $"image reference '{s}': {hostError}";
                return false;
            }

            remainder = remainder[(slash + 1)..];
        }

        var pathError = ReferenceGrammar.ExplainInvalidPath(remainder, s);
        if (pathError is not null)
        {
            error = pathError;
            return false;
        }

        var repository = NormaliseRepository(registry, remainder);
        if (registry.Value.Length + 1 + repository.Length > ReferenceGrammar.NameTotalLengthMax)
        {
            error = $"image name in '{s}' is longer than {ReferenceGrammar.NameTotalLengthMax} characters: shorten the repository path";
            return false;
        }

        result = new ImageReference(registry, repository, tag, digest);
        error = string.Empty;
        return true;
    }

    /// <summary>The canonical form <c>registry/repository[:tag][@digest]</c>, always with the registry.</summary>
    public override string ToString()
    {
        if (Repository is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(Name);
        if (Tag is not null)
        {
            builder.Append(':').Append(Tag);
        }

        if (Digest is { } digest)
        {
            builder.Append('@').Append(digest.ToString());
        }

        return builder.ToString();
    }

    /// <summary>The short form Docker prints: without <c>docker.io/</c> and <c>library/</c>.</summary>
    public string ToFamiliarString()
    {
        var full = ToString();
        if (!Registry.IsDockerHub)
        {
            return full;
        }

        var withoutDomain = full[(ReferenceGrammar.DockerHubDomain.Length + 1)..];
        var officialPrefix = ReferenceGrammar.DockerHubOfficialNamespace + "/";
        return withoutDomain.StartsWith(officialPrefix, StringComparison.Ordinal)
            && !Repository[officialPrefix.Length..].Contains('/', StringComparison.Ordinal)
            ? withoutDomain[officialPrefix.Length..]
            : withoutDomain;
    }

    private static string NormaliseRepository(RegistryHost registry, string repository) =>
        registry.IsDockerHub && !repository.Contains('/', StringComparison.Ordinal)
            ? $"{ReferenceGrammar.DockerHubOfficialNamespace}/{repository}"
            : repository;
}
