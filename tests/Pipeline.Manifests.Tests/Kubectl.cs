using System.Text.Json.Nodes;
using CliWrap;
using CliWrap.Buffered;

namespace Pipeline.Manifests.Tests;

/// <summary>
/// Runs the real kubectl to render reference objects client-side (no server involved). A missing kubectl fails
/// the test with instructions; it is never skipped.
/// </summary>
internal static class Kubectl
{
    private const string DefaultPath = "/usr/bin/kubectl";

    public static async Task<JsonNode> CreateSecretDockerRegistryAsync(params string[] options)
    {
        var executable = Find();
        // An empty kubeconfig: whatever the machine's kubeconfig points at, nothing but loopback can be reached.
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"kubeconfig-absent-{Guid.NewGuid():N}");
        var result = await Cli.Wrap(executable)
            .WithArguments(["create", "secret", "docker-registry", .. options, "--dry-run=client", "-o", "json"])
            .WithEnvironmentVariables(env => env.Set("KUBECONFIG", kubeconfig))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();
        result.ExitCode.Should().Be(0, $"kubectl create secret docker-registry should render client-side, stderr: {result.StandardError}");
        return JsonNode.Parse(result.StandardOutput)!;
    }

    private static string Find()
    {
        if (File.Exists(DefaultPath))
        {
            return DefaultPath;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "kubectl"))
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException(
            $"kubectl is required for this test and was found neither at {DefaultPath} nor on PATH: install kubectl "
            + "(it renders 'create secret docker-registry --dry-run=client' without a cluster)");
    }
}
