using System.Formats.Tar;

namespace Pipeline.Image;

/// <summary>One file, folder or symbolic link sent in a build context.</summary>
/// <param name="RelativePath">The path inside the context, <c>/</c>-separated.</param>
/// <param name="FullPath">Where it is on disk.</param>
/// <param name="Kind">RegularFile, Directory or SymbolicLink.</param>
/// <param name="Mode">Its Unix permissions.</param>
/// <param name="LinkTarget">The target of a symbolic link, as written in the link.</param>
/// <param name="Modified">Its last write time.</param>
public sealed record ContextEntry(
    string RelativePath,
    string FullPath,
    TarEntryType Kind,
    UnixFileMode Mode,
    string? LinkTarget,
    DateTimeOffset Modified);
