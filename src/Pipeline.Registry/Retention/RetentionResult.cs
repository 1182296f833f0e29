namespace Pipeline.Registry.Retention;

/// <summary>What <see cref="ReleaseTagRetention.ApplyAsync"/> did.</summary>
/// <param name="Kept">The newest release tags, kept.</param>
/// <param name="Deleted">The release tags deleted.</param>
/// <param name="Spared">Older release tags left because a kept tag shares their manifest (deleting it would delete both).</param>
public sealed record RetentionResult(IReadOnlyList<string> Kept, IReadOnlyList<string> Deleted, IReadOnlyList<string> Spared);
