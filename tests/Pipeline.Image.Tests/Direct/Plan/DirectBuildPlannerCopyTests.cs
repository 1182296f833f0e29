namespace Pipeline.Image.Tests.Direct.Plan;

/// <summary>COPY and local ADD, as the classic builder of Docker Engine 20.10 lays them out (checked with docker build and docker save).</summary>
public class DirectBuildPlannerCopyTests
{
    private const UnixFileMode Folder = (UnixFileMode)0b111_101_101;
    private const UnixFileMode File644 = (UnixFileMode)0b110_100_100;

    [Fact]
    public async Task PlanAsync_FolderSourceCopiesItsContentsKeepingModes()
    {
        using var folder = new PlanningFolder();
        folder.Write("sub/b.txt", "b", File644);
        folder.Write("sub/deep/c.txt", "c", (UnixFileMode)0b110_000_000);
        File.SetUnixFileMode(Path.Combine(folder.Context, "sub"), (UnixFileMode)0b111_101_000);
        File.SetUnixFileMode(Path.Combine(folder.Context, "sub/deep"), (UnixFileMode)0b111_000_000);

        var plan = await folder.PlannedAsync("FROM scratch\nCOPY sub /copied\n");

        LayerListing.Of(plan.Layers.Single()).Should().Equal(
            "/copied/? 755 0:0",
            "/copied/b.txt 644 0:0",
            "/copied/deep/ 700 0:0",
            "/copied/deep/c.txt 600 0:0");
    }

    [Fact]
    public async Task PlanAsync_TrailingSlashMakesTheDestinationAFolder()
    {
        using var folder = new PlanningFolder();
        folder.Write("a.txt", "a", File644);

        var plan = await folder.PlannedAsync("FROM scratch\nCOPY a.txt /into/\nCOPY a.txt /renamed\n");

        LayerListing.Of(plan.Layers[0]).Should().Equal("/into/? 755 0:0", "/into/a.txt 644 0:0");
        LayerListing.Of(plan.Layers[1]).Should().Equal("/renamed 644 0:0");
    }

    [Fact]
    public async Task PlanAsync_FileCopiedOntoAFolderAnEarlierLayerMadeGoesInsideIt()
    {
        using var folder = new PlanningFolder();
        folder.Write("a.txt", "a", File644);

        var plan = await folder.PlannedAsync("FROM scratch\nWORKDIR /app\nCOPY a.txt /app\n");

        LayerListing.Of(plan.Layers[1]).Should().Equal("/app/? 755 0:0", "/app/a.txt 644 0:0");
    }

    [Fact]
    public async Task PlanAsync_RelativeDestinationIsUnderTheWorkdir()
    {
        using var folder = new PlanningFolder();
        folder.Write("a.txt", "a", File644);

        var plan = await folder.PlannedAsync("FROM scratch\nWORKDIR /srv\nCOPY a.txt conf/\nCOPY a.txt .\n");

        LayerListing.Of(plan.Layers[1]).Should().Equal("/srv/? 755 0:0", "/srv/conf/? 755 0:0", "/srv/conf/a.txt 644 0:0");
        LayerListing.Of(plan.Layers[2]).Should().Equal("/srv/? 755 0:0", "/srv/a.txt 644 0:0");
    }

    [Fact]
    public async Task PlanAsync_GlobsMatchWithinOnePathSegment()
    {
        using var folder = new PlanningFolder();
        folder.Write("x1.bin", "1", File644);
        folder.Write("x2.bin", "2", File644);
        folder.Write("xa.bin", "a", File644);
        folder.Write("x1.txt", "t", File644);
        folder.Write("sub/b.txt", "b", File644);
        folder.Write("sub/deep/c.txt", "c", File644);

        var plan = await folder.PlannedAsync("FROM scratch\nCOPY x[0-9].bin /bins/\nCOPY x?.txt /one\nCOPY sub/* /star/\n");

        LayerListing.Of(plan.Layers[0]).Should().Equal("/bins/? 755 0:0", "/bins/x1.bin 644 0:0", "/bins/x2.bin 644 0:0");
        LayerListing.Of(plan.Layers[1]).Should().Equal("/one 644 0:0");
        // sub/deep matches and is a folder: its contents land in /star, as Docker does.
        LayerListing.Of(plan.Layers[2]).Should().Equal("/star/? 755 0:0", "/star/b.txt 644 0:0", "/star/c.txt 644 0:0");
    }

    [Fact]
    public async Task PlanAsync_SeveralSourcesInOneLayerLaterSourceWins()
    {
        using var folder = new PlanningFolder();
        folder.Write("one/same.txt", "1", File644);
        folder.Write("two/same.txt", "2", (UnixFileMode)0b111_000_000);
        folder.Write("top.txt", "t", File644);

        var plan = await folder.PlannedAsync("FROM scratch\nCOPY [\"one/same.txt\", \"two/same.txt\", \"top.txt\", \"/d/\"]\n");

        LayerListing.Of(plan.Layers.Single()).Should().Equal("/d/? 755 0:0", "/d/same.txt 700 0:0", "/d/top.txt 644 0:0");
        plan.Layers[0].Files[1].SourcePath.Should().EndWith(Path.Combine("two", "same.txt"));
    }

    [Fact]
    public async Task PlanAsync_DockerIgnoreExclusionsAreNotCopied()
    {
        using var folder = new PlanningFolder();
        folder.Write("app.dll", "dll", File644);
        folder.Write("app.pdb", "pdb", File644);
        folder.Write(".dockerignore", "*.pdb\n.dockerignore\n", File644);

        var plan = await folder.PlannedAsync("FROM scratch\nCOPY . /app/\n");

        LayerListing.Of(plan.Layers.Single()).Should().Equal("/app/? 755 0:0", "/app/app.dll 644 0:0");
    }

    [Fact]
    public async Task PlanAsync_ChownOwnsTheCopiedFilesAndTheFoldersItMakes()
    {
        using var folder = new PlanningFolder();
        folder.Write("a.txt", "a", (UnixFileMode)0b110_000_100);

        var plan = await folder.PlannedAsync("FROM scratch\nARG UID=1000\nCOPY --chown=${UID}:1001 a.txt /new/deep/\nCOPY --chown=7 a.txt /single\n");

        LayerListing.Of(plan.Layers[0]).Should().Equal("/new/? 755 1000:1001", "/new/deep/? 755 1000:1001", "/new/deep/a.txt 604 1000:1001");
        LayerListing.Of(plan.Layers[1]).Should().Equal("/single 604 7:7");
    }

    [Fact]
    public async Task PlanAsync_ChmodSetsTheModeOfWhatIsCopiedNotOfTheFoldersMade()
    {
        using var folder = new PlanningFolder();
        folder.Write("bin/run", "r", File644);

        var plan = await folder.PlannedAsync("FROM scratch\nCOPY --chmod=0750 bin /opt/tool/\n");

        LayerListing.Of(plan.Layers.Single()).Should().Equal("/opt/? 755 0:0", "/opt/tool/? 755 0:0", "/opt/tool/run 750 0:0");
    }

    [Fact]
    public async Task PlanAsync_AddOfAPlainLocalFileCopiesIt()
    {
        using var folder = new PlanningFolder();
        folder.Write("settings.json", "{}", File644);

        var plan = await folder.PlannedAsync("FROM scratch\nADD settings.json /etc/app/\n");

        LayerListing.Of(plan.Layers.Single()).Should().Equal("/etc/? 755 0:0", "/etc/app/? 755 0:0", "/etc/app/settings.json 644 0:0");
    }

    [Fact]
    public async Task PlanAsync_FoldersAreNotModeOfTheContextRoot()
    {
        using var folder = new PlanningFolder();
        folder.Write("a.txt", "a", File644);
        File.SetUnixFileMode(folder.Context, (UnixFileMode)0b111_000_000);

        var plan = await folder.PlannedAsync("FROM scratch\nCOPY . /app\n");

        plan.Layers.Single().Files[0].Should().BeEquivalentTo(new { ImagePath = "/app", Mode = Folder, OnlyIfMissing = true });
    }
}
