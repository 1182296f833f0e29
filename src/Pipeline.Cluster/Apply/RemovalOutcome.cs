namespace Pipeline.Cluster;

/// <summary>What became of one object this release created, after a failure.</summary>
public enum RemovalOutcome
{
    /// <summary>Deleted (or already gone).</summary>
    Deleted,

    /// <summary>The delete failed; the object is still there and has to be deleted by hand.</summary>
    Failed,

    /// <summary>Rollback was turned off: the object stays, and a rollback would have deleted it.</summary>
    Disabled,
}
