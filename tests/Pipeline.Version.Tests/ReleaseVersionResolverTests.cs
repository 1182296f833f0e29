using Pipeline.Version;

namespace Pipeline.Version.Tests;

public class ReleaseVersionResolverTests
{
    [Fact]
    public async Task ResolveAsync_PrefersExplicitValueOverTag()
    {
        using var temp = await TemporaryGitRepository.CreateAsync();
        await temp.CommitAsync("first");
        await temp.GitAsync("tag", "v1.0.0");

        var version = await new ReleaseVersionResolver(new GitRepository(temp.Path)).ResolveAsync(ReleaseVersion.Parse("v2.0.0-rc.1"), CancellationToken.None);

        version.Should().Be(ReleaseVersion.Parse("2.0.0-rc.1"));
    }

    [Fact]
    public async Task ResolveAsync_UsesTagOnHeadWhenNoExplicitValue()
    {
        using var temp = await TemporaryGitRepository.CreateAsync();
        await temp.CommitAsync("first");
        await temp.GitAsync("tag", "v3.4.5");

        var version = await new ReleaseVersionResolver(new GitRepository(temp.Path)).ResolveAsync(null, CancellationToken.None);

        version.ImageTag.Should().Be("v3.4.5");
    }

    [Fact]
    public async Task ResolveAsync_FailsWithFixWhenNothingGiven()
    {
        using var temp = await TemporaryGitRepository.CreateAsync();
        await temp.CommitAsync("first");

        var act = () => new ReleaseVersionResolver(new GitRepository(temp.Path)).ResolveAsync(null, CancellationToken.None);

        var exception = (await act.Should().ThrowAsync<VersionException>()).Which;
        exception.Kind.Should().Be(VersionFailureKind.NoReleaseVersion);
        exception.Message.Should().StartWith("no release version: pass the release version (e.g. 1.2.3) or tag HEAD with v1.2.3");
    }

    [Fact]
    public async Task ResolveAsync_NamesTheReleaseInputAsTheCallerCallsIt()
    {
        using var temp = await TemporaryGitRepository.CreateAsync();
        await temp.CommitAsync("first");
        var inputs = new StageInputNames { Release = "--release" };

        var act = () => new ReleaseVersionResolver(new GitRepository(temp.Path), inputs).ResolveAsync(null, CancellationToken.None);

        (await act.Should().ThrowAsync<VersionException>()).Which.Message.Should().StartWith("no release version: pass --release (e.g. 1.2.3) or tag HEAD with v1.2.3");
    }
}
