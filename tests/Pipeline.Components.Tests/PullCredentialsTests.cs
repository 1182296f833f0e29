using System.Text;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Pipeline.Components.Tests.Support;
using Xunit.Abstractions;
using ApiServerDouble = Pipeline.KubeApiServerDouble.KubeApiServerDouble;

namespace Pipeline.Components.Tests;

/// <summary>
/// The pull Secret's credentials are chosen, never merely found: --pull-username with PULL_PASSWORD, else the push
/// credentials given explicitly, else a docker-config login only with --pull-secret-from-docker-config. Render needs
/// no registry or engine, so these run it (and Deploy against the API-server double) on a registry address alone.
/// </summary>
public sealed class PullCredentialsTests(ITestOutputHelper output)
{
    private const string Registry = "127.0.0.1:5999";
    private const string Namespace = "pull-creds";
    private const string DeveloperUser = "dev";
    private const string DeveloperPassword = "dev-login-9f3a1c";
    private const string PushUser = "ci-bot";
    private const string PushPassword = "push-pw-51d07e";
    private const string RobotUser = "robot$orders";
    private const string RobotPassword = "robot-pw-c8e2b4";

    [Fact]
    public async Task Render_PullCredentials_WinOverThePushCredentialsAndReachTheSecretAlone()
    {
        using var workspace = WithDeveloperLogin();
        var secretFile = Path.Combine(workspace.Root, "secret", "regcred.yaml");

        var run = await workspace.RunAsync(
            Render("--registry-username", PushUser, "--pull-username", RobotUser, "--pull-secret-file", secretFile),
            new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = PushPassword, ["PULL_PASSWORD"] = RobotPassword });

        run.ExitCode.Should().Be(0, "{0}", run);
        ReadEntry(secretFile).Should().Be((RobotUser, RobotPassword, Basic(RobotUser, RobotPassword)));
        File.Exists(Path.Combine(workspace.Artifacts, "k8s", "orders.yaml")).Should().BeTrue("Render wrote the manifests");
        foreach (var form in Forms(RobotUser, RobotPassword))
        {
            run.Output.Should().NotContain(form, "PULL_PASSWORD and its forms are masked");
            FilesHolding(workspace, form).Should().BeEmpty("only the Secret file the user asked for holds it (base64 inside the Secret)");
        }
    }

    [Fact]
    public async Task Render_ExplicitPushCredentialsWithoutPullCredentials_GoIntoTheSecret()
    {
        using var workspace = WithDeveloperLogin();
        var secretFile = Path.Combine(workspace.Root, "regcred.yaml");

        var run = await workspace.RunAsync(
            Render("--registry-username", PushUser, "--pull-secret-file", secretFile),
            new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = PushPassword });

        run.ExitCode.Should().Be(0, "{0}", run);
        ReadEntry(secretFile).Should().Be((PushUser, PushPassword, Basic(PushUser, PushPassword)), "given credentials are chosen, the docker config is not read");
    }

    [Fact]
    public async Task Publish_DockerConfigLoginOnlyWithACluster_IsRefusedBeforeCompileNamingBothFixes()
    {
        await using var cluster = await ApiServerDouble.StartAsync();
        using var workspace = WithDeveloperLogin();
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(workspace.Home, "kubeconfig"));

        // Compile is planned: a refusal after it would have published the app.
        var run = await workspace.RunAsync(
            ["Publish", "--registry", Registry, "--release", "1.0.0", "--artifact", "orders", "--namespace", Namespace, "--kubeconfig", kubeconfig]);

        run.ExitCode.Should().Be(2, "{0}", run);
        run.Output.Should().Contain($"the pull Secret {Namespace}/regcred would carry user {DeveloperUser} (password from docker config {DockerConfig(workspace)})")
            .And.Contain("it would become a cluster Secret")
            .And.Contain("--pull-username and PULL_PASSWORD")
            .And.Contain("--pull-secret-from-docker-config")
            .And.NotContain(DeveloperPassword);
        Directory.Exists(workspace.Artifacts).Should().BeFalse("neither Compile nor Render ran");
        using var client = new Kubernetes(cluster.ClientConfiguration());
        var read = () => client.CoreV1.ReadNamespaceAsync(Namespace);
        (await read.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, "nothing was applied");
    }

    [Fact]
    public async Task Render_DockerConfigLoginOnlyWithASecretFile_IsRefusedBeforeAnythingIsWritten()
    {
        using var workspace = WithDeveloperLogin();
        var secretFile = Path.Combine(workspace.Root, "regcred.yaml");

        var run = await workspace.RunAsync(Render("--pull-secret-file", secretFile));

        run.ExitCode.Should().Be(2, "{0}", run);
        run.Output.Should().Contain("--pull-secret-from-docker-config to use this login on purpose");
        File.Exists(secretFile).Should().BeFalse();
        Directory.Exists(workspace.Artifacts).Should().BeFalse();
    }

    [Fact]
    public async Task Render_DockerConfigLoginWithTheFlag_GoesIntoTheSecretAndSaysWhereItCameFrom()
    {
        using var workspace = WithDeveloperLogin();
        var secretFile = Path.Combine(workspace.Root, "regcred.yaml");

        var run = await workspace.RunAsync(Render("--pull-secret-from-docker-config", "--pull-secret-file", secretFile));

        run.ExitCode.Should().Be(0, "{0}", run);
        run.Output.Should().Contain(
            $"The pull Secret regcred carries user {DeveloperUser} (password from docker config {DockerConfig(workspace)}), as --pull-secret-from-docker-config asks");
        ReadEntry(secretFile).Should().Be((DeveloperUser, DeveloperPassword, Basic(DeveloperUser, DeveloperPassword)));
        run.Output.Should().NotContain(DeveloperPassword);
    }

    [Fact]
    public async Task Deploy_DockerConfigLoginOnlyWithoutACluster_BuildsNoSecretAndSkips()
    {
        using var workspace = WithDeveloperLogin();

        var run = await workspace.RunAsync(["Deploy", .. Render().Skip(1)]);

        run.ExitCode.Should().Be(0, "{0}", run);
        run.StatusOf("Deploy").Should().Be("Skipped", "no cluster: no Secret leaves memory, so nothing is refused");
        run.Output.Should().Contain($"No pull Secret: user {DeveloperUser} (password from docker config {DockerConfig(workspace)}) was found, not chosen");
    }

    public static TheoryData<string[], string?, string> HalfPairs => new()
    {
        { ["--pull-username", RobotUser], null, $"--pull-username {RobotUser} was given without a password: set PULL_PASSWORD in the environment" },
        { [], RobotPassword, "PULL_PASSWORD is set without a user: pass --pull-username, or unset it to build the pull Secret from the push credentials" },
    };

    [Theory]
    [MemberData(nameof(HalfPairs))]
    public async Task Render_HalfAPullPair_IsRefusedNamingTheMissingHalf(string[] flags, string? password, string expected)
    {
        using var workspace = new HostingWorkspace(output);
        var environment = new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = PushPassword };
        if (password is not null)
        {
            environment["PULL_PASSWORD"] = password;
        }

        var run = await workspace.RunAsync(Render(["--registry-username", PushUser, .. flags]), environment);

        run.ExitCode.Should().Be(2, "{0}", run);
        run.Output.Should().Contain(expected).And.NotContain(RobotPassword);
        Directory.Exists(workspace.Artifacts).Should().BeFalse();
    }

    private static string[] Render(params string[] extra) =>
        ["Render", "--registry", Registry, "--release", "1.0.0", "--artifact", "orders", "--namespace", Namespace, .. extra];

    /// <summary>A workspace whose HOME holds a developer's <c>docker login</c> to the registry, as config.json stores it.</summary>
    private HostingWorkspace WithDeveloperLogin()
    {
        var workspace = new HostingWorkspace(output);
        Directory.CreateDirectory(Path.GetDirectoryName(DockerConfig(workspace))!);
        File.WriteAllText(DockerConfig(workspace), $$"""{ "auths": { "{{Registry}}": { "auth": "{{Basic(DeveloperUser, DeveloperPassword)}}" } } }""");
        return workspace;
    }

    private static string DockerConfig(HostingWorkspace workspace) => Path.Combine(workspace.Home, ".docker", "config.json");

    /// <summary>The registry's entry in the written Secret's <c>.dockerconfigjson</c>: user, password, auth.</summary>
    private static (string?, string?, string?) ReadEntry(string secretFile)
    {
        var secret = KubernetesYaml.Deserialize<V1Secret>(File.ReadAllText(secretFile));
        secret.Type.Should().Be("kubernetes.io/dockerconfigjson");
        using var config = JsonDocument.Parse(secret.Data[".dockerconfigjson"]);
        var entry = config.RootElement.GetProperty("auths").GetProperty(Registry);
        return (entry.GetProperty("username").GetString(), entry.GetProperty("password").GetString(), entry.GetProperty("auth").GetString());
    }

    private static string Basic(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private static IEnumerable<string> Forms(string user, string password) =>
        [password, Convert.ToBase64String(Encoding.UTF8.GetBytes(password)), Basic(user, password)];

    /// <summary>The files under the workspace (relative), but the asked-for Secret file, whose text holds <paramref name="value"/>.</summary>
    private static IReadOnlyList<string> FilesHolding(HostingWorkspace workspace, string value) =>
    [
        .. workspace.WrittenFiles()
            .Where(file => file != "secret/regcred.yaml" && File.ReadAllText(Path.Combine(workspace.Root, file)).Contains(value, StringComparison.Ordinal)),
    ];
}
