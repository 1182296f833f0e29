namespace Pipeline.Registry.Tests;

public class ProcessEnvironmentTests
{
    [Fact]
    public void From_ReadsTheGivenVariablesCaseSensitivelyAndUnsetAsNull()
    {
        var environment = ProcessEnvironment.From(new Dictionary<string, string> { ["DOCKER_CONFIG"] = "/ci/docker", ["EMPTY"] = "" });

        environment["DOCKER_CONFIG"].Should().Be("/ci/docker");
        environment["docker_config"].Should().BeNull("names are case-sensitive, as on Linux");
        environment["HOME"].Should().BeNull();
        environment["EMPTY"].Should().BeEmpty();
        environment.NonEmpty("EMPTY").Should().BeNull();
        environment.NonEmpty("DOCKER_CONFIG").Should().Be("/ci/docker");
    }

    [Fact]
    public void From_CopiesSoLaterChangesToTheDictionaryDoNotLeakIn()
    {
        var variables = new Dictionary<string, string> { ["HOME"] = "/home/ci" };
        var environment = ProcessEnvironment.From(variables);

        variables["HOME"] = "/elsewhere";

        environment["HOME"].Should().Be("/home/ci");
    }

    [Fact]
    public void With_SetsOneVariableOnACopy()
    {
        var environment = ProcessEnvironment.From(new Dictionary<string, string> { ["GITHUB_TOKEN"] = "from-environment" });

        var overridden = environment.With("GITHUB_TOKEN", "from-parameter");

        overridden["GITHUB_TOKEN"].Should().Be("from-parameter");
        environment["GITHUB_TOKEN"].Should().Be("from-environment");
    }

    [Fact]
    public void Current_ReadsThisProcess()
    {
        var path = Environment.GetEnvironmentVariable("PATH");

        path.Should().NotBeNullOrEmpty("the test needs a variable this process has");
        ProcessEnvironment.Current()["PATH"].Should().Be(path);
        ProcessEnvironment.Empty["PATH"].Should().BeNull();
    }
}
