using Docker.DotNet.Models;
using Pipeline.Registry;
using Pipeline.Testing.Docker;

namespace Pipeline.Image.Tests;

/// <summary>Small images on the local base for tests, with unique names, and their removal.</summary>
internal static class TestImages
{
    public const string RepositoryPrefix = "pipeline-test-image-";

    public static ImageReference UniqueTag(string purpose) =>
        ImageReference.Parse($"{RepositoryPrefix}{purpose}:{Guid.NewGuid():N}");

    /// <summary>Builds <c>FROM local base</c> plus a unique label, so each image has its own ID.</summary>
    public static async Task<BuiltImage> BuildTinyAsync(DockerEngineFixture docker, ImageReference tag, CapturingLogger? logger = null)
    {
        using var folder = new TemporaryFolder();
        folder.Write("Dockerfile", $"ARG BASE_IMAGE\nFROM ${{BASE_IMAGE}}\nLABEL io.pipeline.test-run={Guid.NewGuid():N}\n");
        logger ??= new CapturingLogger();
        var builder = new ImageBuilder(docker.Engine, new LocalBaseImage(docker.Engine, logger), logger);
        return await builder.BuildAsync(new ImageBuildRequest
        {
            Dockerfile = Path.Combine(folder.Path, "Dockerfile"),
            ContextDirectory = folder.Path,
            Tags = [tag],
            BaseImage = BaseImage.Local,
            Created = DateTimeOffset.UtcNow,
        }, CancellationToken.None);
    }

    /// <summary>Removes tags and images (force: test leftovers only), ignoring ones already gone.</summary>
    public static async Task RemoveAsync(DockerEngineFixture docker, params string[] images)
    {
        foreach (var image in images)
        {
            try
            {
                await docker.Client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true }, CancellationToken.None);
            }
            catch (Docker.DotNet.DockerImageNotFoundException)
            {
            }
            catch (Docker.DotNet.DockerApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
            }
        }
    }
}
