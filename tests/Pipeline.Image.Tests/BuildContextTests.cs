using System.Formats.Tar;
using Pipeline.Image;

namespace Pipeline.Image.Tests;

public class BuildContextTests
{
    [Fact]
    public async Task CreateAsync_HonoursDockerIgnoreButAlwaysSendsDockerfileAndIgnoreFile()
    {
        using var folder = new TemporaryFolder();
        folder.Write(".dockerignore", "*\n!app/**\napp/**/*.pdb\n");
        folder.Write("Dockerfile", "FROM scratch\n");
        folder.Write("app/Orders.Api.dll", "dll");
        folder.Write("app/Orders.Api.pdb", "pdb");
        folder.Write("app/wwwroot/site.css", "css");
        folder.Write("secrets.env", "TOKEN=1");

        var context = await BuildContext.CreateAsync(folder.Path, Path.Combine(folder.Path, "Dockerfile"), null, CancellationToken.None);
        var names = await TarNamesAsync(context);

        names.Should().Equal(".dockerignore", "Dockerfile", "app/", "app/Orders.Api.dll", "app/wwwroot/", "app/wwwroot/site.css");
        context.DockerfileName.Should().Be("Dockerfile");
        context.DockerfileIsOutsideContext.Should().BeFalse();
        context.SentOnlyForTheEngine.Should().BeEquivalentTo(".dockerignore", "Dockerfile");
    }

    [Fact]
    public async Task CreateAsync_SendsOnlyForTheEngineNothingTheRulesKeep()
    {
        using var folder = new TemporaryFolder();
        folder.Write(".dockerignore", "*.pdb\n");
        folder.Write("Dockerfile", "FROM scratch\n");

        var context = await BuildContext.CreateAsync(folder.Path, Path.Combine(folder.Path, "Dockerfile"), null, CancellationToken.None);

        context.SentOnlyForTheEngine.Should().BeEmpty();
    }

    [Fact]
    public async Task CreateAsync_AddsDockerfileFromOutsideUnderGeneratedName()
    {
        using var folder = new TemporaryFolder();
        var dockerfile = folder.Write("build/Dockerfile", "FROM scratch\nCOPY . /app\n");
        folder.Write("publish/app.dll", "dll");
        folder.Write("publish/app.pdb", "pdb");
        var ignoreFile = folder.Write("build/.dockerignore", "*.pdb\n");

        var context = await BuildContext.CreateAsync(Path.Combine(folder.Path, "publish"), dockerfile, ignoreFile, CancellationToken.None);
        var entries = await TarEntriesAsync(context);

        context.DockerfileIsOutsideContext.Should().BeTrue();
        context.DockerfileName.Should().MatchRegex(@"^\.dockerfile\.[0-9a-f]{12}$");
        entries.Keys.Should().Equal("app.dll", context.DockerfileName, ".dockerignore");
        entries[context.DockerfileName].Should().Be("FROM scratch\nCOPY . /app\n");
        entries[".dockerignore"].Should().Be($"{context.DockerfileName}\n.dockerignore\n", "the engine leaves what .dockerignore names out of COPY");
    }

    [Fact]
    public async Task WriteTarAsync_DockerfileFromOutside_IsNamedInTheContextsOwnDockerignore()
    {
        using var folder = new TemporaryFolder();
        var dockerfile = folder.Write("build/Dockerfile", "FROM scratch\nCOPY . /app\n");
        folder.Write("publish/app.dll", "dll");
        folder.Write("publish/.dockerignore", "*.pdb");

        var context = await BuildContext.CreateAsync(Path.Combine(folder.Path, "publish"), dockerfile, null, CancellationToken.None);
        var entries = await TarEntriesAsync(context);

        entries.Keys.Should().Equal(".dockerignore", "app.dll", context.DockerfileName);
        entries[".dockerignore"].Should().Be($"*.pdb\n{context.DockerfileName}\n", "the context's own rules stay, and its .dockerignore is copied as Docker would");
    }

    [Fact]
    public async Task WriteTarAsync_IsDeterministicAndKeepsModesAndLinks()
    {
        using var folder = new TemporaryFolder();
        folder.Write("Dockerfile", "FROM scratch\n");
        folder.Write("b/run.sh", "#!/bin/sh\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        folder.Write("a.txt", "a");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "link"), "a.txt");
        var context = await BuildContext.CreateAsync(folder.Path, Path.Combine(folder.Path, "Dockerfile"), null, CancellationToken.None);

        using var first = new MemoryStream();
        using var second = new MemoryStream();
        await context.WriteTarAsync(first, CancellationToken.None);
        await context.WriteTarAsync(second, CancellationToken.None);

        first.ToArray().Should().Equal(second.ToArray());
        System.Text.Encoding.ASCII.GetString(first.ToArray()).Should().NotContain("PaxHeaders", "PAX header names carry the process ID");
        first.Position = 0;
        await using var reader = new TarReader(first);
        var entries = new List<TarEntry>();
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            entries.Add(entry);
        }

        entries.Select(e => e.Name).Should().Equal("Dockerfile", "a.txt", "b/", "b/run.sh", "link");
        entries.Single(e => e.Name == "b/run.sh").Mode.Should().HaveFlag(UnixFileMode.UserExecute);
        entries.Single(e => e.Name == "link").EntryType.Should().Be(TarEntryType.SymbolicLink);
        entries.Single(e => e.Name == "link").LinkName.Should().Be("a.txt");
        entries.Should().OnlyContain(e => e.Uid == 0 && e.Gid == 0);
    }

    [Fact]
    public async Task CreateTarFileAsync_DeletesTemporaryFileOnDispose()
    {
        using var folder = new TemporaryFolder();
        folder.Write("Dockerfile", "FROM scratch\n");
        var context = await BuildContext.CreateAsync(folder.Path, Path.Combine(folder.Path, "Dockerfile"), null, CancellationToken.None);

        string path;
        await using (var tar = await context.CreateTarFileAsync(CancellationToken.None))
        {
            path = ((FileStream)tar).Name;
            tar.Length.Should().BeGreaterThan(0);
            tar.Position.Should().Be(0);
        }

        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public async Task CreateAsync_FailsClearlyForMissingInputs()
    {
        using var folder = new TemporaryFolder();

        var noContext = () => BuildContext.CreateAsync(Path.Combine(folder.Path, "missing"), "Dockerfile", null, CancellationToken.None);
        var noDockerfile = () => BuildContext.CreateAsync(folder.Path, Path.Combine(folder.Path, "Dockerfile"), null, CancellationToken.None);

        (await noContext.Should().ThrowAsync<ImageBuildException>()).Which.Message.Should().Contain("missing").And.Contain("does not exist");
        (await noDockerfile.Should().ThrowAsync<ImageBuildException>()).Which.Kind.Should().Be(ImageBuildFailureKind.InvalidInput);
    }

    [Fact]
    public async Task WriteTarAsync_EndsTheArchiveOnlyAfterBeforeEndSucceeds()
    {
        using var folder = new TemporaryFolder();
        folder.Write("Dockerfile", "FROM scratch\n");
        folder.Write("app.dll", new string('x', 3000));
        var context = await BuildContext.CreateAsync(folder.Path, Path.Combine(folder.Path, "Dockerfile"), null, CancellationToken.None);
        using var whole = new MemoryStream();
        using var held = new MemoryStream();
        using var refused = new MemoryStream();
        await context.WriteTarAsync(whole, CancellationToken.None);

        var heldLengthBeforeEnd = -1L;
        await context.WriteTarAsync(held, () => { heldLengthBeforeEnd = held.Length; return Task.CompletedTask; }, CancellationToken.None);
        var refuse = () => context.WriteTarAsync(refused, () => throw new InvalidOperationException("not wanted"), CancellationToken.None);

        held.ToArray().Should().Equal(whole.ToArray(), "a yes changes nothing in the archive");
        (await refuse.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Be("not wanted");
        refused.Length.Should().Be(heldLengthBeforeEnd, "after a no the archive stops where it was: every entry, no end");
        var endOfArchive = whole.ToArray()[(int)heldLengthBeforeEnd..];
        endOfArchive.Should().HaveCountGreaterThanOrEqualTo(1024).And.OnlyContain(value => value == 0, "what a yes adds is only the end-of-archive blocks");
    }

    private static async Task<List<string>> TarNamesAsync(BuildContext context) => [.. (await TarEntriesAsync(context)).Keys];

    private static async Task<Dictionary<string, string>> TarEntriesAsync(BuildContext context)
    {
        using var tar = new MemoryStream();
        await context.WriteTarAsync(tar, CancellationToken.None);
        tar.Position = 0;
        await using var reader = new TarReader(tar);
        var entries = new Dictionary<string, string>();
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            entries[entry.Name] = entry.DataStream is null ? string.Empty : await new StreamReader(entry.DataStream).ReadToEndAsync();
        }

        return entries;
    }
}
