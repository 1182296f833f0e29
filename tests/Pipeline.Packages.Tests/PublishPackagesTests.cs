using Pipeline.Engine;
using Pipeline.Packages.Tests.Builds;
using Pipeline.Packages.Tests.NuGetFeed;

namespace Pipeline.Packages.Tests;

public sealed class PublishPackagesTests : IDisposable
{
    private const string ApiKey = "oy2-component-key-55aa";
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-publish-packages-").FullName;

    public PublishPackagesTests() => Directory.CreateDirectory(Path.Combine(_root, ".pipeline"));

    private string PackagesDirectory => Path.Combine(_root, "artifacts", "packages");

    [Fact]
    public async Task PublishPackages_KeyFromEnvironment_PushesPackagesAndSymbolsWithoutShowingTheKey()
    {
        await using var feed = await NuGetFeedDouble.StartAsync(ApiKey);
        TestPackage.Write(PackagesDirectory, "Contoso.Core", "1.0.0");
        TestPackage.Write(PackagesDirectory, "Contoso.Core", "1.0.0", ".snupkg");
        TestPackage.Write(PackagesDirectory, "Contoso.Web", "1.0.0");

        var (exitCode, output) = await RunAsync(["PublishPackages", "--nuget-source", feed.ServiceIndex.ToString()], ApiKey);

        exitCode.Should().Be(0, output);
        feed.Packages.Keys.Should().BeEquivalentTo("package:contoso.core/1.0.0", "package:contoso.web/1.0.0", "symbolpackage:contoso.core/1.0.0");
        feed.Pushes.Should().OnlyContain(push => push.ApiKey == ApiKey);
        output.Should().Contain("3 pushed, 0 already on").And.NotContain(ApiKey);
    }

    [Fact]
    public async Task PublishPackages_SecondRunWithSkipDuplicate_SucceedsAndSaysTheyWereThere()
    {
        await using var feed = await NuGetFeedDouble.StartAsync(ApiKey);
        TestPackage.Write(PackagesDirectory, "Contoso.Core", "1.0.0");
        string[] arguments = ["PublishPackages", "--nuget-source", feed.ServiceIndex.ToString()];
        (await RunAsync(arguments, ApiKey)).ExitCode.Should().Be(0);

        var failed = await RunAsync(arguments, ApiKey);
        var skipped = await RunAsync([.. arguments, "--skip-duplicate"], ApiKey);

        failed.ExitCode.Should().Be(1, failed.Output);
        failed.Output.Should().Contain("already holds Contoso.Core.1.0.0.nupkg").And.Contain("--skip-duplicate");
        skipped.ExitCode.Should().Be(0, skipped.Output);
        skipped.Output.Should().Contain("0 pushed, 1 already on");
    }

    [Fact]
    public async Task PublishPackages_NoApiKey_FailsNamingTheVariableBeforeAnyRequest()
    {
        await using var feed = await NuGetFeedDouble.StartAsync(ApiKey);
        TestPackage.Write(PackagesDirectory, "Contoso.Core", "1.0.0");

        var (exitCode, output) = await RunAsync(["PublishPackages", "--nuget-source", feed.ServiceIndex.ToString()], apiKey: null);

        exitCode.Should().Be(2, output);
        output.Should().Contain("NUGET_API_KEY");
        feed.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task PublishPackages_WrongApiKey_FailsWith401AndTheFix()
    {
        await using var feed = await NuGetFeedDouble.StartAsync(ApiKey);
        TestPackage.Write(PackagesDirectory, "Contoso.Core", "1.0.0");

        var (exitCode, output) = await RunAsync(["PublishPackages", "--nuget-source", feed.ServiceIndex.ToString()], "not-the-key-321");

        exitCode.Should().Be(1, output);
        output.Should().Contain("401").And.Contain("check NUGET_API_KEY").And.NotContain("not-the-key-321");
        feed.Packages.Should().BeEmpty();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, string? apiKey)
    {
        using var output = new StringWriter();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (apiKey is not null)
        {
            environment["NUGET_API_KEY"] = apiKey;
        }

        var exitCode = await PipelineBuild.ExecuteAsync<PackagesBuild>(arguments, new BuildHostContext
        {
            Output = output,
            Environment = environment,
            WorkingDirectory = _root,
            Cancellation = CancellationToken.None,
            IsTerminal = false,
        });
        return (exitCode, output.ToString());
    }
}
