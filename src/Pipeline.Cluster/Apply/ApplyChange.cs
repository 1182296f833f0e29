namespace Pipeline.Cluster;

/// <summary>What a server-side apply did to one object, judged by its resourceVersion before and after.</summary>
public enum ApplyChange
{
    /// <summary>The object did not exist before.</summary>
    Created,

    /// <summary>The object existed and the apply changed it (new resourceVersion).</summary>
    Changed,

    /// <summary>The object already matched (same resourceVersion): nothing happened on the server.</summary>
    Unchanged,
}
