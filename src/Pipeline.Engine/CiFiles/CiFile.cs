namespace Pipeline.Engine.CiFiles;

/// <summary>A generated CI file.</summary>
/// <param name="RelativePath">Its path under the build root, with <c>/</c> separators.</param>
/// <param name="Content">Its text, <c>\n</c> line endings.</param>
public sealed record CiFile(string RelativePath, string Content);
