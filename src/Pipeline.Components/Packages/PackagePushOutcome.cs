namespace Pipeline.Components.Packages;

/// <summary>What happened to one package file pushed to a feed.</summary>
public enum PackagePushOutcome
{
    /// <summary>The feed accepted it (200, 201 or 202).</summary>
    Pushed,

    /// <summary>The feed already held that id and version (409) and duplicates were allowed to be skipped.</summary>
    SkippedDuplicate,

    /// <summary>A symbol package the feed has no symbol publish resource for: not sent.</summary>
    SymbolsNotAccepted,
}
