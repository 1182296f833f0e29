using System.Text;
using Pipeline.Engine.Tests.Builds;
using Pipeline.Engine.Tests.Support;

namespace Pipeline.Engine.Tests;

public sealed class SecretMaskingTests
{
    private const string Password = "s3cr3t-Pa55word!";

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static IEnumerable<string> Leaks => [Password, Base64(Password), Base64($"deployer:{Password}")];

    [Fact]
    public async Task GitHubActions_SecretNeverReachesConsoleStepSummaryOrExceptionText()
    {
        using var root = new TemporaryDirectory();
        var stepSummary = Path.Combine(root.Path, "step-summary.md");
        var environment = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_STEP_SUMMARY"] = stepSummary,
            ["REGISTRY_PASSWORD"] = Password,
        };

        var run = await BuildHarness.RunAsync<SecretBuild>([], environment, root);

        run.ExitCode.Should().Be(1);
        run.Lines[0].Should().Be($"::add-mask::{Password}", "the runner must learn the secret before anything prints");
        run.Output.Should().Contain($"::add-mask::{Base64($"deployer:{Password}")}");
        var printed = string.Join('\n', run.Lines.Where(line => !line.StartsWith("::add-mask::", StringComparison.Ordinal)));
        printed.Should().Contain("::group::Leak").And.Contain("::endgroup::").And.Contain("::error::Target Leak failed: login failed for ***");
        printed.Should().Contain("password ***").And.Contain("base64 ***").And.Contain("Authorization: Basic ***");
        printed.Should().Contain("InvalidOperationException: login failed for ***", "the stack trace is masked too");
        printed.Should().Contain("Password: ***");
        var summaryFile = await File.ReadAllTextAsync(stepSummary);
        summaryFile.Should().Contain("| Leak | Failed |").And.Contain("- **Password**: ***");
        foreach (var leak in Leaks)
        {
            printed.Should().NotContain(leak);
            summaryFile.Should().NotContain(leak);
        }
    }

    [Fact]
    public async Task CommandLineSecret_WorksWithAWarningAndIsMasked()
    {
        var run = await BuildHarness.RunAsync<SecretBuild>(["--registry-password", Password]);

        run.ExitCode.Should().Be(1);
        run.Output.Should().Contain("--registry-password is a secret given on the command line").And.Contain("set REGISTRY_PASSWORD instead");
        run.Output.Should().Contain("password ***");
        foreach (var leak in Leaks)
        {
            run.Output.Should().NotContain(leak);
        }
    }

    [Fact]
    public async Task ParametersFileSecret_IsAnErrorThatDoesNotShowTheValue()
    {
        using var root = new TemporaryDirectory();
        root.WriteParameters($$"""{ "registry-password": "{{Password}}" }""");

        var run = await BuildHarness.RunAsync<SecretBuild>([], root: root);

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain("--registry-password is a secret and must not be in .pipeline/parameters.json");
        run.Output.Should().NotContain(Password);
        run.Output.Should().NotContain("password ***", "no target ran");
    }

    [Fact]
    public async Task MistypedSecretFlag_DoesNotEchoTheValue()
    {
        var run = await BuildHarness.RunAsync<SecretBuild>(["--registry-pasword", Password]);

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain("Did you mean '--registry-password'?").And.NotContain(Password);
    }

    [Fact]
    public async Task FailureOutsideAnyTarget_IsReportedMaskedWithExitCode2()
    {
        var run = await BuildHarness.RunAsync<ThrowingSetterBuild>([], new() { ["TOKEN"] = Password });

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain("The build could not start").And.Contain("token *** is revoked");
        run.Output.Should().NotContain(Password);
    }

    [Fact]
    public async Task Terminal_SecretWrittenInPiecesByALiveDisplayIsMasked()
    {
        var run = await BuildHarness.RunAsync<TerminalBuild>([], new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = Password }, isTerminal: true);

        run.ExitCode.Should().Be(0);
        run.Output.Should().Contain("\rpushing as *** 42%", "what is drawn reaches the terminal unflushed, cursor codes kept");
        run.Output.Should().NotContain(Password);
    }
}
