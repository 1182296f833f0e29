namespace Pipeline.Version;

/// <summary>A full git commit id (40 or 64 hex characters), as the OCI <c>revision</c> label wants it.</summary>
public readonly record struct GitRevision
{
    /// <summary>Wraps a commit id printed by <c>git rev-parse</c>.</summary>
    public GitRevision(string sha)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha);
        var trimmed = sha.Trim();
        if (trimmed.Length is not (40 or 64) || !trimmed.All(char.IsAsciiHexDigitLower))
        {
            throw new FormatException($"'{sha}' is not a full git commit id (40 or 64 lower-case hex characters)");
        }

        Sha = trimmed;
    }

    /// <summary>The full commit id.</summary>
    public string Sha { get; }

    /// <summary>The first 7 characters, for logs.</summary>
    public string Short => Sha[..7];

    /// <inheritdoc />
    public override string ToString() => Sha;
}
