using Pipeline.Image.Direct;
using Pipeline.Registry;

namespace Pipeline.Image.Tests.Direct.Plan;

public class DirectBuildPlannerSettingsTests
{
    [Fact]
    public async Task PlanAsync_ArgDefaultsExpandInFromAndInTheStage()
    {
        using var folder = new PlanningFolder();

        var plan = await folder.PlannedAsync("""
            ARG REGISTRY=127.0.0.1:5000
            ARG TAG=1.0
            FROM ${REGISTRY}/base:$TAG
            ARG TAG
            ARG APP=orders
            LABEL app=$APP version=${TAG} missing=${NOPE:-fallback}
            """,
            request => request with { BaseSettings = new ContainerSettings() });

        plan.Base.Reference.Should().Be(ImageReference.Parse("127.0.0.1:5000/base:1.0"));
        plan.Settings.Labels.Should().Equal(new Dictionary<string, string> { ["app"] = "orders", ["version"] = "1.0", ["missing"] = "fallback" });
    }

    [Fact]
    public async Task PlanAsync_BuildArgumentsOverrideArgDefaults()
    {
        using var folder = new PlanningFolder();

        var plan = await folder.PlannedAsync(
            "ARG TAG=1.0\nFROM base:$TAG\nARG APP=orders\nLABEL app=$APP\n",
            request => request with { BuildArguments = new Dictionary<string, string> { ["TAG"] = "2.0", ["APP"] = "billing" } });

        plan.Base.Reference.Should().Be(ImageReference.Parse("base:2.0"));
        plan.Settings.Labels["app"].Should().Be("billing");
    }

    [Fact]
    public async Task PlanAsync_GlobalArgIsNotSeenInTheStageUnlessRedeclared()
    {
        using var folder = new PlanningFolder();

        var plan = await folder.PlannedAsync("ARG APP=orders\nFROM scratch\nLABEL app=\"[$APP]\"\n");

        plan.Base.Should().Be(DirectBuildBase.Scratch);
        plan.Settings.Labels["app"].Should().Be("[]");
    }

    [Fact]
    public async Task PlanAsync_EnvBothFormsWithLaterReferencesToEarlierValues()
    {
        using var folder = new PlanningFolder();

        var plan = await folder.PlannedAsync("""
            FROM scratch
            ENV ROOT /srv/app
            ENV BIN=$ROOT/bin GREETING="hello world" ROOT=/other SEEN=$ROOT
            ENV PATH_LIKE=${ROOT}:'$literal'
            """);

        plan.Settings.Env.Should().Equal("ROOT=/other", "BIN=/srv/app/bin", "GREETING=hello world", "SEEN=/srv/app", "PATH_LIKE=/other:$literal");
    }

    [Fact]
    public async Task PlanAsync_EnvReferencingTheBaseEnvironmentUsesTheBaseSettings()
    {
        using var folder = new PlanningFolder();

        var plan = await folder.PlannedAsync(
            "FROM base\nENV PATH=/app:$PATH\n",
            request => request with { BaseSettings = new ContainerSettings { Env = ["PATH=/usr/bin:/bin"] } });

        plan.Settings.Env.Should().Equal("PATH=/app:/usr/bin:/bin");
    }

    [Fact]
    public async Task PlanAsync_ExposeReadsProtocolsAndRanges()
    {
        using var folder = new PlanningFolder();

        var plan = await folder.PlannedAsync("FROM scratch\nARG PORT=8080\nEXPOSE $PORT 53/UDP 9000-9002/tcp\nEXPOSE 8080/tcp\n");

        plan.Settings.ExposedPorts.Should().Equal("8080/tcp", "53/udp", "9000/tcp", "9001/tcp", "9002/tcp");
    }

    [Fact]
    public async Task PlanAsync_UserAndStopSignalAreExpanded()
    {
        using var folder = new PlanningFolder();

        var plan = await folder.PlannedAsync("FROM scratch\nARG UID=1654\nUSER ${UID}:${UID}\nSTOPSIGNAL SIGINT\n");

        plan.Settings.User.Should().Be("1654:1654");
        plan.Settings.StopSignal.Should().Be("SIGINT");
    }

    [Fact]
    public async Task PlanAsync_WorkdirIsRelativeToThePreviousAndMakesItsFoldersAsRoot()
    {
        using var folder = new PlanningFolder();

        var plan = await folder.PlannedAsync("FROM scratch\nUSER 1000\nWORKDIR /srv\nWORKDIR app/../data\nWORKDIR /srv\nWORKDIR data\n");

        plan.Settings.WorkingDir.Should().Be("/srv/data");
        plan.Layers.Should().HaveCount(2, "the last two WORKDIRs make nothing new");
        LayerListing.Of(plan.Layers[0]).Should().Equal("/srv/? 755 0:0");
        LayerListing.Of(plan.Layers[1]).Should().Equal("/srv/data/? 755 0:0");
        plan.Layers[1].Line.Should().Be(4);
    }

    [Fact]
    public async Task PlanAsync_LabelReadsQuotesAndTheOldForm()
    {
        using var folder = new PlanningFolder();

        var plan = await folder.PlannedAsync("""
            FROM scratch
            LABEL "com.example.vendor"="ACME Inc" description="a \"quoted\" word" multi=one\ two
            LABEL legacy the rest of the line
            """);

        plan.Settings.Labels.Should().Equal(new Dictionary<string, string>
        {
            ["com.example.vendor"] = "ACME Inc",
            ["description"] = "a \"quoted\" word",
            ["multi"] = "one two",
            ["legacy"] = "the rest of the line",
        });
    }

    [Fact]
    public async Task PlanAsync_ShellFormCmdRunsUnderBinSh()
    {
        using var folder = new PlanningFolder();

        var plan = await folder.PlannedAsync("FROM scratch\nCMD echo $HOME && exec /app/run\n");

        plan.Settings.Cmd.Should().Equal("/bin/sh", "-c", "echo $HOME && exec /app/run");
        plan.Settings.Entrypoint.Should().BeNull();
    }

    [Fact]
    public async Task PlanAsync_ExecFormIsNotExpanded()
    {
        using var folder = new PlanningFolder();

        var plan = await folder.PlannedAsync("FROM scratch\nARG X=1\nENTRYPOINT [\"/app/run\", \"$X\"]\nCMD [\"--port\", \"${X}\"]\n");

        plan.Settings.Entrypoint.Should().Equal("/app/run", "$X");
        plan.Settings.Cmd.Should().Equal("--port", "${X}");
    }

    [Fact]
    public async Task PlanAsync_EntrypointResetsTheCmdUnlessTheStageSetOne()
    {
        using var folder = new PlanningFolder();

        var reset = await folder.PlannedAsync("FROM scratch\nENTRYPOINT [\"/app/run\"]\n");
        var kept = await folder.PlannedAsync("FROM scratch\nCMD [\"--help\"]\nENTRYPOINT /app/run\n");

        reset.ClearsBaseCmd.Should().BeTrue();
        reset.ApplyTo(new ContainerSettings { Cmd = ["/bin/sh"] }).Cmd.Should().BeNull();
        kept.ClearsBaseCmd.Should().BeFalse();
        kept.Settings.Cmd.Should().Equal("--help");
        kept.Settings.Entrypoint.Should().Equal("/bin/sh", "-c", "/app/run");
    }

    [Fact]
    public async Task PlanAsync_HealthcheckReadsItsFlagsAndBothForms()
    {
        using var folder = new PlanningFolder();

        var exec = await folder.PlannedAsync("FROM scratch\nHEALTHCHECK --interval=1m30s --timeout=500ms --start-period=2s --retries=4 CMD [\"/app/check\", \"--quick\"]\n");
        var shell = await folder.PlannedAsync("FROM scratch\nHEALTHCHECK CMD wget -q http://127.0.0.1:8080/healthz || exit 1\n");
        var none = await folder.PlannedAsync("FROM scratch\nHEALTHCHECK NONE\n");

        exec.Settings.Healthcheck.Should().BeEquivalentTo(new ContainerHealthcheck(
            ["CMD", "/app/check", "--quick"], TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), 4));
        shell.Settings.Healthcheck!.Test.Should().Equal("CMD-SHELL", "wget -q http://127.0.0.1:8080/healthz || exit 1");
        shell.Settings.Healthcheck.Interval.Should().BeNull();
        none.Settings.Healthcheck!.Test.Should().Equal("NONE");
    }

    [Fact]
    public async Task PlanAsync_TargetStagePlansThatStageOnly()
    {
        using var folder = new PlanningFolder();

        var plan = await folder.PlannedAsync(
            "FROM base:1 AS runtime\nUSER 1\nFROM runtime AS debug\nRUN apt-get install gdb\n",
            request => request with { TargetStage = "runtime" });

        plan.Base.Reference.Should().Be(ImageReference.Parse("base:1"));
        plan.Settings.User.Should().Be("1");
    }

    [Fact]
    public async Task PlanAsync_PlatformOfTheBuildIsAccepted()
    {
        using var folder = new PlanningFolder();

        var plan = await folder.PlannedAsync(
            "FROM --platform=$TARGETPLATFORM base:1\n",
            request => request with { Platform = "linux/arm64" });

        plan.Base.Reference.Should().Be(ImageReference.Parse("base:1"));
    }

    [Fact]
    public async Task PlanAsync_ScratchStartsWithDockersDefaultPath()
    {
        using var folder = new PlanningFolder();

        var plan = await folder.PlannedAsync("FROM scratch\nENV PATH=/app:$PATH\n");

        plan.Settings.Env.Should().Equal("PATH=/app:" + DirectBuildPlan.DefaultPath["PATH=".Length..]);
    }

    [Fact]
    public async Task ApplyTo_MergesThePlanOntoTheBaseSettingsAsDockerDoes()
    {
        using var folder = new PlanningFolder();
        var plan = await folder.PlannedAsync("FROM base\nENV B=2 C=3\nLABEL b=new\nEXPOSE 8080\nUSER 1654\n", request => request with { BaseSettings = new ContainerSettings() });
        var baseSettings = new ContainerSettings
        {
            Env = ["A=1", "B=1"],
            Cmd = ["/bin/sh"],
            WorkingDir = "/base",
            ExposedPorts = ["80/tcp"],
            Labels = new Dictionary<string, string> { ["a"] = "base", ["b"] = "base" },
            StopSignal = "SIGQUIT",
        };

        var merged = plan.ApplyTo(baseSettings);

        merged.Env.Should().Equal("A=1", "B=2", DirectBuildPlan.DefaultPath, "C=3");
        merged.Labels.Should().Equal(new Dictionary<string, string> { ["a"] = "base", ["b"] = "new" });
        merged.ExposedPorts.Should().Equal("80/tcp", "8080/tcp");
        merged.Cmd.Should().Equal("/bin/sh");
        merged.User.Should().Be("1654");
        merged.WorkingDir.Should().Be("/base");
        merged.StopSignal.Should().Be("SIGQUIT");
    }
}
