using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Image.Direct;
using Pipeline.Registry;

namespace Pipeline.Image.Tests.Direct;

public class ImageConfigWriterTests
{
    private static readonly DateTimeOffset Created = new(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);
    private static readonly Digest BaseDiff = Digest.ComputeSha256("base"u8);
    private static readonly Digest OurDiff = Digest.ComputeSha256("ours"u8);

    [Fact]
    public void Write_TheDockerfilesSettingsAppliedOnTheBasesReadFromItsConfig()
    {
        var dockerfile = new ContainerSettings
        {
            Env = ["HOME=/app", "EXTRA=1"],
            Entrypoint = ["/app/run"],
            ExposedPorts = ["8080", "53/udp"],
            User = "1654:1654",
            Labels = new Dictionary<string, string> { ["team"] = "shop", ["from"] = "dockerfile" },
            Healthcheck = new ContainerHealthcheck(["CMD", "/app/check"], TimeSpan.FromSeconds(30), null, null, 3),
        };
        var plan = new DirectBuildPlan { Base = DirectBuildBase.Local, Layers = [], Settings = dockerfile, ClearsBaseCmd = true };
        var settings = plan.ApplyTo(new DirectBaseImage("base", BaseConfig(), []).Settings);

        var config = Parse(ImageConfigWriter.Write(BaseConfig(), settings, new Dictionary<string, string> { ["from"] = "build" }, [BaseDiff, OurDiff], ["COPY 1/1"], Created));

        var run = config["config"]!;
        Strings(run["Env"]).Should().Equal("PATH=/bin", "HOME=/app", "EXTRA=1");
        Strings(run["Entrypoint"]).Should().Equal("/app/run");
        run["Cmd"].Should().BeNull("an ENTRYPOINT without a CMD drops the base's CMD");
        run["ExposedPorts"]!.AsObject().Select(pair => pair.Key).Should().Equal("53/udp", "8080/tcp", "9000/tcp");
        run["User"]!.GetValue<string>().Should().Be("1654:1654");
        run["WorkingDir"]!.GetValue<string>().Should().Be("/base");
        run["Labels"]!["team"]!.GetValue<string>().Should().Be("shop");
        run["Labels"]!["from"]!.GetValue<string>().Should().Be("build", "the build's labels come last");
        run["Labels"]!["base"]!.GetValue<string>().Should().Be("yes");
        run["Healthcheck"]!["Interval"]!.GetValue<long>().Should().Be(30_000_000_000);
        Strings(config["rootfs"]!["diff_ids"]).Should().Equal(BaseDiff.ToString(), OurDiff.ToString());
        config["history"]!.AsArray().Should().HaveCount(2);
        config["created"]!.GetValue<string>().Should().Be("2026-05-06T07:08:09Z");
        config["architecture"]!.GetValue<string>().Should().Be("arm64");
    }

    [Fact]
    public void Write_KeepsTheBasesCmdWhenNothingReplacesIt()
    {
        var plan = new DirectBuildPlan { Base = DirectBuildBase.Local, Layers = [], Settings = new ContainerSettings() };
        var config = Parse(ImageConfigWriter.Write(BaseConfig(), plan.ApplyTo(new DirectBaseImage("base", BaseConfig(), []).Settings), new Dictionary<string, string>(), [BaseDiff], [], Created));

        Strings(config["config"]!["Cmd"]).Should().Equal("/bin/sh");
    }

    [Fact]
    public void Write_SameInputsGiveTheSameBytes()
    {
        byte[] Once() => ImageConfigWriter.Write(BaseConfig(), new ContainerSettings { Env = ["A=1"] }, new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" }, [BaseDiff], ["COPY"], Created);

        Once().Should().Equal(Once());
    }

    [Fact]
    public void Write_WithAPlatform_WritesItsArchitectureOsAndVariantOverTheBases()
    {
        var written = Parse(ImageConfigWriter.Write(BaseConfig(), new ContainerSettings(), new Dictionary<string, string>(), [BaseDiff], [], Created, Platform.Parse("linux/arm/v7")));
        var withoutVariant = Parse(ImageConfigWriter.Write(BaseConfig(), new ContainerSettings(), new Dictionary<string, string>(), [BaseDiff], [], Created, Platform.Parse("linux/amd64")));

        (written["architecture"]!.GetValue<string>(), written["os"]!.GetValue<string>(), written["variant"]!.GetValue<string>()).Should().Be(("arm", "linux", "v7"));
        withoutVariant["architecture"]!.GetValue<string>().Should().Be("amd64", "the platform's, not the base's arm64");
        withoutVariant["variant"].Should().BeNull();
    }

    [Fact]
    public void Settings_ReadBackAsWritten()
    {
        var settings = new DirectBaseImage("base", BaseConfig(), []).Settings with
        {
            StopSignal = "SIGINT",
            Healthcheck = new ContainerHealthcheck(["CMD-SHELL", "true"], TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 4),
        };

        var written = Parse(ImageConfigWriter.Write(BaseConfig(), settings, new Dictionary<string, string>(), [BaseDiff], [], Created)).AsObject();
        var read = new DirectBaseImage("again", written, []).Settings;

        read.Should().BeEquivalentTo(settings with { ExposedPorts = ["9000/tcp"] });
    }

    private static JsonObject BaseConfig() => JsonNode.Parse("""
        {"architecture":"arm64","os":"linux","config":{"Env":["PATH=/bin","HOME=/root"],"Cmd":["/bin/sh"],"WorkingDir":"/base",
         "ExposedPorts":{"9000/tcp":{}},"Labels":{"base":"yes"}},"rootfs":{"type":"layers","diff_ids":[]},"history":[{"created_by":"base"}]}
        """)!.AsObject();

    private static JsonNode Parse(byte[] json) => JsonNode.Parse(json)!;

    private static List<string> Strings(JsonNode? node) => [.. node!.AsArray().Select(item => item!.GetValue<string>())];
}
