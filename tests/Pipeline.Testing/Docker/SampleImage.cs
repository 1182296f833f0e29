using System.Security.Cryptography;
using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Image;
using Pipeline.Registry;

namespace Pipeline.Testing.Docker;

/// <summary>
/// The sample app (samples/Orders.Api) published self-contained for linux-x64 and built into
/// <c>pipeline-test/orders-api:&lt;hash of its sources&gt;</c> on the local base, once per change of its sources
/// across every test project and process: the publish folder is cached under the system temp folder and a
/// file lock keeps concurrent test runs from publishing or building it twice. The image is kept for reuse.
/// </summary>
public sealed class SampleImage
{
    /// <summary>The repository the sample image is tagged in.</summary>
    public const string Repository = "pipeline-test/orders-api";

    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(10);

    private SampleImage(string projectDirectory, string publishDirectory, ImageReference image, string sourceHash)
    {
        ProjectDirectory = projectDirectory;
        PublishDirectory = publishDirectory;
        Image = image;
        SourceHash = sourceHash;
    }

    /// <summary>samples/Orders.Api in the checkout.</summary>
    public string ProjectDirectory { get; }

    /// <summary>The self-contained linux-x64 publish output: the build context.</summary>
    public string PublishDirectory { get; }

    /// <summary>The sample's Dockerfile (outside the context).</summary>
    public string Dockerfile => Path.Combine(ProjectDirectory, "Dockerfile");

    /// <summary>The sample's ignore file, applied to the publish folder.</summary>
    public string IgnoreFile => Path.Combine(ProjectDirectory, ".dockerignore");

    /// <summary>The built image, <c>pipeline-test/orders-api:&lt;hash&gt;</c>.</summary>
    public ImageReference Image { get; }

    /// <summary>The hash of the sample's sources that keys the cache.</summary>
    public string SourceHash { get; }

    /// <summary>The executable inside the image.</summary>
    public static string Entrypoint => "/app/Orders.Api";

    /// <summary>Publishes and builds the sample when this version of its sources has not been yet; otherwise reuses both.</summary>
    public static async Task<SampleImage> GetAsync(IContainerEngine engine, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        logger ??= NullLogger.Instance;
        var root = RepositoryRoot.Find();
        var project = Path.Combine(root, "samples", "Orders.Api");
        var hash = await HashSourcesAsync(root, project, cancellationToken);
        var cache = Path.Combine(Path.GetTempPath(), "pipeline-test-cache", $"orders-api-{hash}");
        Directory.CreateDirectory(cache);
        var sample = new SampleImage(project, Path.Combine(cache, "publish"), ImageReference.Parse($"{Repository}:{hash}"), hash);

        await using var exclusive = await AcquireLockAsync(Path.Combine(cache, ".lock"), cancellationToken);
        var marker = Path.Combine(cache, ".published");
        if (!File.Exists(marker))
        {
            await PublishAsync(project, sample.PublishDirectory, Path.Combine(cache, "build"), logger, cancellationToken);
            await File.WriteAllTextAsync(marker, hash, cancellationToken);
        }

        if (await engine.InspectImageAsync(sample.Image.ToString(), cancellationToken) is null)
        {
            var builder = new ImageBuilder(engine, new LocalBaseImage(engine, logger), logger);
            await builder.BuildAsync(new ImageBuildRequest
            {
                Dockerfile = sample.Dockerfile,
                ContextDirectory = sample.PublishDirectory,
                IgnoreFile = sample.IgnoreFile,
                Tags = [sample.Image],
                BaseImage = BaseImage.Local,
                Created = DateTimeOffset.UtcNow,
                Labels = new Dictionary<string, string> { ["io.pipeline.test"] = "sample" },
            }, cancellationToken);
        }

        return sample;
    }

    private static async Task PublishAsync(string project, string output, string artifacts, ILogger logger, CancellationToken cancellationToken)
    {
        logger.LogInformation("Publishing {Project} self-contained for linux-x64 into {Output}", project, output);
        var result = await Cli.Wrap("dotnet")
            .WithArguments(["publish", Path.Combine(project, "Orders.Api.csproj"), "-c", "Release", "-r", "linux-x64", "--self-contained",
                "-o", output, "--artifacts-path", artifacts, "-nologo", "-p:TreatWarningsAsErrors=false"])
            .WithEnvironmentVariables(env => env.Set("DOTNET_CLI_TELEMETRY_OPTOUT", "1").Set("DOTNET_NOLOGO", "1"))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(Encoding.UTF8, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"dotnet publish of {project} failed (exit {result.ExitCode}):\n{result.StandardOutput}\n{result.StandardError}");
        }
    }

    private static async Task<string> HashSourcesAsync(string root, string project, CancellationToken cancellationToken)
    {
        string[] repositoryInputs = ["Directory.Build.props", "Directory.Packages.props", "global.json", "NuGet.config"];
        var files = Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(Path.GetRelativePath(project, file)))
            .Concat(repositoryInputs.Select(name => Path.Combine(root, name)).Where(File.Exists))
            .OrderBy(file => Path.GetRelativePath(root, file), StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file).Replace('\\', '/') + "\0"));
            hash.AppendData(await File.ReadAllBytesAsync(file, cancellationToken));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static bool IsBuildOutput(string relativePath)
    {
        var first = relativePath.Split(Path.DirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }

    // A lock file held open without sharing works across processes; FileShare.None also serialises threads.
    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }
}
