using Pipeline.Engine.Tests.Builds;
using Pipeline.Engine.Tests.Support;

namespace Pipeline.Engine.Tests;

public sealed class ChildEnvironmentTests
{
    [Fact]
    public async Task ChildProcess_InheritsNoSecretParameterNorAnyVariableHoldingASecret()
    {
        const string Token = "dt-5b1e0c9d44a7";
        var suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var ciCopy = $"CI_OWN_COPY_{suffix}";
        var laterCopy = $"LATER_COPY_{suffix}";
        var kept = $"PLAIN_{suffix}";
        using var root = new TemporaryDirectory();
        var environmentFile = Path.Combine(root.Path, "environ");
        Environment.SetEnvironmentVariable("DEPLOY_TOKEN", Token);
        Environment.SetEnvironmentVariable(ciCopy, $"Bearer {Token}");
        Environment.SetEnvironmentVariable(laterCopy, "registered-later-7f3a9c");
        Environment.SetEnvironmentVariable(kept, "plain value");
        try
        {
            var run = await BuildHarness.RunAsync<ChildEnvironmentBuild>(
                ["--environment-file", environmentFile],
                new Dictionary<string, string> { ["DEPLOY_TOKEN"] = Token },
                root,
                children: new ProcessChildEnvironment());

            run.ExitCode.Should().Be(0, run.Output);
            var variables = (await File.ReadAllTextAsync(environmentFile)).Split('\0', StringSplitOptions.RemoveEmptyEntries);
            variables.Should().Contain($"{kept}=plain value", "only secrets are removed");
            variables.Should().NotContain(variable => variable.StartsWith("DEPLOY_TOKEN=", StringComparison.Ordinal));
            variables.Should().NotContain(variable => variable.Contains(Token, StringComparison.Ordinal));
            variables.Should().NotContain(variable => variable.Contains("registered-later-7f3a9c", StringComparison.Ordinal), "a secret registered while running is removed too");
        }
        finally
        {
            foreach (var name in (string[])["DEPLOY_TOKEN", ciCopy, laterCopy, kept])
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }
}
