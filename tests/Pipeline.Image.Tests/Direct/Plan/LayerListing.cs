using Pipeline.Image.Direct;

namespace Pipeline.Image.Tests.Direct.Plan;

/// <summary>A layer as one line per entry, <c>path mode uid:gid</c> (<c>/</c> after folders, <c>?</c> after folders made only if missing), to compare whole layers.</summary>
internal static class LayerListing
{
    public static IReadOnlyList<string> Of(DirectBuildLayer layer) =>
        [.. layer.Files.Select(file =>
            $"{file.ImagePath}{(file.IsDirectory ? "/" : string.Empty)}{(file.OnlyIfMissing ? "?" : string.Empty)} {Convert.ToString((int)file.Mode, 8)} {file.UserId}:{file.GroupId}")];
}
