using Pipeline.Version;

namespace Pipeline.Version.Tests;

public class GitRepositoryTests
{
    [Fact]
    public async Task GetHeadCommitAsync_ReturnsCommitOfHead()
    {
        using var temp = await TemporaryGitRepository.CreateAsync();
        await temp.CommitAsync("first");
        var second = await temp.CommitAsync("second");

        var revision = (await new GitRepository(temp.Path).GetHeadCommitAsync(CancellationToken.None)).Revision;

        revision.Sha.Should().Be(second);
        revision.Short.Should().Be(second[..7]);
    }

    [Fact]
    public async Task GetHeadCommitAsync_ReturnsTheCommitterTimeOfHead()
    {
        using var temp = await TemporaryGitRepository.CreateAsync();
        await temp.CommitAsync("first");
        // Amend with a fixed committer date (2023-11-14): the result must come from the commit, not the clock.
        await CliWrap.Cli.Wrap("git")
            .WithArguments(["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", "commit", "--quiet", "--amend", "--no-edit"])
            .WithWorkingDirectory(temp.Path)
            .WithEnvironmentVariables(env => env.Set("GIT_COMMITTER_DATE", "@1700000000 +0000").Set("GIT_DIR", null).Set("GIT_WORK_TREE", null).Set("GIT_INDEX_FILE", null))
            .ExecuteAsync();

        var created = (await new GitRepository(temp.Path).GetHeadCommitAsync(CancellationToken.None)).CommittedAt;

        created.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    }

    [Fact]
    public async Task GetHeadCommitAsync_FailsClearlyWithoutCommits()
    {
        using var temp = await TemporaryGitRepository.CreateAsync();

        var act = () => new GitRepository(temp.Path).GetHeadCommitAsync(CancellationToken.None);

        var exception = (await act.Should().ThrowAsync<VersionException>()).Which;
        exception.Kind.Should().Be(VersionFailureKind.GitFailed);
        exception.Message.Should().Contain(temp.Path).And.Contain("at least one commit");
    }

    [Fact]
    public async Task GetHeadCommitAsync_FailsClearlyOutsideRepository()
    {
        var folder = Directory.CreateTempSubdirectory("pipeline-version-norepo-").FullName;
        try
        {
            var act = () => new GitRepository(folder).GetHeadCommitAsync(CancellationToken.None);

            (await act.Should().ThrowAsync<VersionException>()).Which.Message.Should().Contain("not a git repository");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task GetHeadCommitAsync_FailsClearlyWhenGitIsMissing()
    {
        using var temp = await TemporaryGitRepository.CreateAsync();

        var act = () => new GitRepository(temp.Path, "/nonexistent/git").GetHeadCommitAsync(CancellationToken.None);

        var exception = (await act.Should().ThrowAsync<VersionException>()).Which;
        exception.Kind.Should().Be(VersionFailureKind.GitUnavailable);
        exception.Message.Should().Contain("/nonexistent/git").And.Contain("Install git");
    }

    [Fact]
    public async Task GetReleaseTagOnHeadAsync_ReturnsHighestValidTagOnHead()
    {
        using var temp = await TemporaryGitRepository.CreateAsync();
        await temp.CommitAsync("first");
        await temp.GitAsync("tag", "v9.0.0");
        await temp.CommitAsync("second");
        await temp.GitAsync("tag", "v1.2.0");
        await temp.GitAsync("tag", "-a", "v1.10.0", "-m", "annotated");
        await temp.GitAsync("tag", "v1.10.0-rc.1");
        await temp.GitAsync("tag", "nightly");
        await temp.GitAsync("tag", "v01.0.0");

        var version = await new GitRepository(temp.Path).GetReleaseTagOnHeadAsync(CancellationToken.None);

        version.Should().Be(ReleaseVersion.Parse("1.10.0"));
    }

    [Fact]
    public async Task GetReleaseTagOnHeadAsync_ReturnsNullWhenHeadIsUntagged()
    {
        using var temp = await TemporaryGitRepository.CreateAsync();
        await temp.CommitAsync("first");
        await temp.GitAsync("tag", "v1.0.0");
        await temp.CommitAsync("second");

        var version = await new GitRepository(temp.Path).GetReleaseTagOnHeadAsync(CancellationToken.None);

        version.Should().BeNull();
    }

    [Theory]
    [InlineData("https://github.com/acme/orders.git", "https://github.com/acme/orders.git")]
    [InlineData("https://x-access-token:ghs_s3cr3t@github.com/acme/orders.git", "https://github.com/acme/orders.git")]
    [InlineData("git@github.com:acme/orders.git", "ssh://git@github.com/acme/orders.git")]
    [InlineData("ssh://git@git.example.com:2222/acme/orders.git", "ssh://git@git.example.com:2222/acme/orders.git")]
    public async Task GetOriginUrlAsync_ReturnsPublishableUrl(string remote, string expected)
    {
        using var temp = await TemporaryGitRepository.CreateAsync();
        await temp.GitAsync("remote", "add", "origin", remote);

        var url = await new GitRepository(temp.Path).GetOriginUrlAsync(CancellationToken.None);

        url.Should().NotBeNull();
        url!.ToString().Should().Be(expected);
        url.ToString().Should().NotContain("s3cr3t");
    }

    [Fact]
    public async Task GetOriginUrlAsync_ReturnsNullWithoutOrigin()
    {
        using var temp = await TemporaryGitRepository.CreateAsync();

        var url = await new GitRepository(temp.Path).GetOriginUrlAsync(CancellationToken.None);

        url.Should().BeNull();
    }
}
