namespace Pipeline.Image;

/// <summary>
/// The local tags a build applies, with what each held before, recorded before the engine creates anything: the
/// clean-up after a failure or a cancel (<see cref="ImageCleaner"/>) undoes exactly these, and none of the user's own.
/// </summary>
public sealed class LocalImageLedger
{
    private LocalTagSnapshot? _applied;

    /// <summary>The tags the build applies and what they held; null while the build has created nothing.</summary>
    public LocalTagSnapshot? Applied => Volatile.Read(ref _applied);

    /// <summary>Records the tags about to be applied.</summary>
    public void Record(LocalTagSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Volatile.Write(ref _applied, snapshot);
    }

    /// <summary>Forgets the tags once they are cleaned up, so a second clean-up does nothing.</summary>
    public void Clear() => Volatile.Write(ref _applied, null);
}
