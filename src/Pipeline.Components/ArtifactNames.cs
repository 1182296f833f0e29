using Pipeline.Engine;

namespace Pipeline.Components;

/// <summary>Derives the default artifact name from a project: <c>Orders.Api.csproj</c> → <c>orders-api</c>.</summary>
internal static class ArtifactNames
{
    public static string FromProject(AbsolutePath project)
    {
        var name = Path.GetFileNameWithoutExtension(project.Name);
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        return string.Join('-', new string([.. chars]).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}
