namespace Pipeline.Doctor;

/// <summary>The outcome of one check.</summary>
public enum CheckStatus
{
    /// <summary>The check passed.</summary>
    Ok,

    /// <summary>It works now, but something is likely to bite later (or needs a step Pipeline takes itself).</summary>
    Warning,

    /// <summary>Publishing would fail here.</summary>
    Failed,

    /// <summary>Not checked: nothing to check, or an earlier check already failed.</summary>
    Skipped,
}
