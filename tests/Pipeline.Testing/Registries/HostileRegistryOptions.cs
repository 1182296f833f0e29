namespace Pipeline.Testing.Registries;

/// <summary>Where a <see cref="HostileRegistry"/> sends its clients; each null leaves that behaviour ordinary.</summary>
public sealed record HostileRegistryOptions
{
    /// <summary>The user it accepts with Basic auth.</summary>
    public string Username { get; init; } = "hostile";

    /// <summary>That user's password.</summary>
    public string Password { get; init; } = "hostile-secret-6b1f";

    /// <summary>The catalog's first page links its next page here (<c>Link: &lt;…&gt;; rel="next"</c>).</summary>
    public Uri? CatalogNextPage { get; init; }

    /// <summary>Every catalog page links to the first page again, so the paging never ends.</summary>
    public bool CatalogLinksToItself { get; init; }

    /// <summary>A blob GET is redirected (307) here, as registries backed by object storage do.</summary>
    public Uri? BlobRedirect { get; init; }

    /// <summary>An upload POST answers 202 with this <c>Location</c>.</summary>
    public Uri? UploadLocation { get; init; }

    /// <summary>When set, the registry challenges with Bearer and this realm instead of Basic.</summary>
    public Uri? TokenRealm { get; init; }

    /// <summary>
    /// Serves blob uploads itself: a POST answers 202 with a <c>Location</c> on itself carrying an escaped
    /// <c>_state</c> (<see cref="HostileRegistry.UploadState"/>), which the PUT must bring back byte for byte; the PUT's
    /// digest is checked and the blob kept for HEAD and GET. <see cref="UploadLocation"/> still wins when set.
    /// </summary>
    public bool StoresBlobs { get; init; }

    /// <summary>With <see cref="StoresBlobs"/>: the Location is absolute (<c>http://127.0.0.1:PORT/v2/…</c>) instead of a path.</summary>
    public bool AbsoluteUploadLocation { get; init; }

    /// <summary>With <see cref="StoresBlobs"/>: what the n-th blob PUT (1-based) meets; none by default.</summary>
    public Func<int, UploadFault>? UploadFaults { get; init; }

    /// <summary>With <see cref="StoresBlobs"/>: a blob GET sends half the bytes, then nothing until the client leaves.</summary>
    public bool StallsBlobDownloads { get; init; }

    /// <summary>With <see cref="StoresBlobs"/>: a blob GET serves the stored bytes with the first one changed.</summary>
    public bool ServesAlteredBlobs { get; init; }
}
