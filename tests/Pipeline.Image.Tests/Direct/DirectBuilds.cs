using Pipeline.Image.Direct;

namespace Pipeline.Image.Tests.Direct;

/// <summary>Runs a direct build start to end, as a caller that decides nothing in between does.</summary>
internal static class DirectBuilds
{
    public static async Task<ImageBuildResult> BuildAsync(this DirectImageBuilder builder, ImageBuildRequest request, CancellationToken cancellationToken)
    {
        var prepared = await builder.PrepareAsync(request, cancellationToken);
        return await prepared.BuildAsync(Task.FromResult(true), cancellationToken)
            ?? throw new InvalidOperationException("a build told to go ahead made nothing");
    }
}
