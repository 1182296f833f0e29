using k8s;
using k8s.Autorest;
using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;
using ApiServerDouble = Pipeline.KubeApiServerDouble.KubeApiServerDouble;

namespace Pipeline.Components.Tests;

/// <summary>
/// A bad value of each parameter family stops Publish before its first target (Compile is planned here, not
/// skipped): exit 2, the flag and the fix named, and nothing made: no publish output, no local image, nothing in the
/// registry, nothing applied to the API-server double.
/// </summary>
[Collection(ChainCollection.Name)]
public sealed class BadInputTests(ChainFixture chain, ITestOutputHelper output)
{
    private const string Namespace = "tbw-bad-input";

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "--namespace", "Bad_NS", "--namespace (from the command line): 'Bad_NS' is not a valid Kubernetes name" },
        { "--pull-secret", "a b", "--pull-secret (from the command line): 'a b' is not a valid Kubernetes name" },
        { "--replicas", "-3", "--replicas (from the command line): '-3' is out of range: give a whole number at least 0." },
        { "--container-port", "70000", "--container-port (from the command line): '70000' is out of range: give a whole number from 1 to 65535." },
        { "--rollout-timeout", "0", "--rollout-timeout (from the command line): '0' is out of range: give a whole number at least 1." },
        { "--manifest", "/nonexistent.yaml", "--manifest (from the command line): '/nonexistent.yaml' does not exist (/nonexistent.yaml): give the path of an existing file." },
        { "--artifact", "Orders_API", "--artifact (from the command line): 'Orders_API' is not a valid Kubernetes name" },
        { "--artifact", "team/orders", "--artifact (from the command line): 'team/orders' is not a valid Kubernetes name" },
        { "--artifact", "../outside", "--artifact (from the command line): '../outside' is not a valid Kubernetes name" },
        { "--extra-tags", "bad tag", "--extra-tags (from the command line): tag 'bad tag' is invalid: a tag starts with a letter" },
        { "--build-args", "NOEQUALS", "--build-args (from the command line): 'NOEQUALS' is not KEY=VALUE" },
        { "--build-target", "no-such-stage", "the build target 'no-such-stage' is not a stage of this Dockerfile" },
        { "--dockerfile", "/nonexistent/Dockerfile", "--dockerfile (from the command line): '/nonexistent/Dockerfile' does not exist" },
        { "--platforms", "linux/amd64,linux/s390x", "--platforms (from the command line): 'linux/amd64,linux/s390x' is not a valid Platform[]. 'linux/s390x' is not a platform an image is built for: pass one or more of linux/amd64, linux/arm64, linux/arm/v7 (comma-separated)" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Publish_BadValue_StopsBeforeTheFirstTargetNamingTheFlagAndTheFix(string flag, string value, string expected)
    {
        var run = await RunRefusedAsync(flag, value);

        run.Output.Should().Contain(expected);
    }

    [Fact]
    public async Task Publish_PlatformsWithTheEngineBuilder_IsRefusedBeforeCompile()
    {
        var run = await RunRefusedAsync("--platforms", "linux/amd64,linux/arm64", extra: ["--builder", "engine"]);

        run.Output.Should().Contain("--platforms builds one image per platform under an image index, which only the direct builder makes, and --builder asks for the engine builder");
    }

    [Fact]
    public async Task Publish_AnotherPlatformOnTheOfflineBase_IsRefusedBeforeCompile()
    {
        // The workspace's Publish builds on the offline base (--base-image local).
        var run = await RunRefusedAsync("--platforms", "linux/amd64,linux/arm64");

        run.Output.Should().Contain("--platforms asks for linux/arm64, but the offline local base holds this machine's files (linux/amd64) only: ")
            .And.Contain("and set --base-image to it.");
    }

    [Fact]
    public async Task Publish_ManifestWithoutADeployment_IsRefusedBeforeCompile()
    {
        var run = await RunRefusedAsync("--manifest", "only-a-service.yaml", """
            apiVersion: v1
            kind: Service
            metadata:
              name: orders
            spec:
              ports: [{ port: 80 }]
            """);

        run.Output.Should().Contain("holds Service but no apps/v1 Deployment to set the image on");
    }

    [Fact]
    public async Task Publish_ManifestWithASecret_IsRefusedBeforeAnythingIsBuiltOrApplied()
    {
        var run = await RunRefusedAsync("--manifest", "with-secret.yaml", """
            apiVersion: v1
            kind: Secret
            metadata:
              name: db-password
            stringData:
              password: hunter2
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orders
            spec:
              selector: { matchLabels: { app: orders } }
              template:
                metadata: { labels: { app: orders } }
                spec:
                  containers: [{ name: orders, image: placeholder }]
            """);

        run.Output.Should().Contain("holds the Secret 'db-password'").And.NotContain("hunter2");
    }

    [Fact]
    public async Task Publish_ManifestWithAKindDeployCannotApply_IsRefusedBeforeAnythingIsApplied()
    {
        var run = await RunRefusedAsync("--manifest", "with-role.yaml", $$"""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: orders
              namespace: {{Namespace}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orders
              namespace: {{Namespace}}
            spec:
              selector: { matchLabels: { app: orders } }
              template:
                metadata: { labels: { app: orders } }
                spec:
                  containers: [{ name: orders, image: placeholder }]
            """);

        run.Output.Should().Contain("is a 'Role' (rbac.authorization.k8s.io/v1), which Deploy does not apply: the supported kinds are v1 Namespace");
    }

    [Fact]
    public async Task Publish_DockerfileWithAnUnknownInstruction_IsRefusedBeforeCompile()
    {
        var run = await RunRefusedAsync("--dockerfile", "Dockerfile", "FROM scratch\nCOPPY . /app\n");

        run.Output.Should().Contain("--dockerfile: ").And.Contain(":2: 'COPPY . /app' is not a Dockerfile instruction");
    }

    [Fact]
    public async Task Publish_SeveralBadValues_AreReportedTogether()
    {
        var run = await RunRefusedAsync("--namespace", "Bad_NS", extra: ["--replicas", "-1", "--extra-tags", "bad tag"]);

        run.Output.Should().Contain("--namespace (from the command line)")
            .And.Contain("--replicas (from the command line)")
            .And.Contain("--extra-tags (from the command line)");
    }

    [Fact]
    public async Task Publish_BadValueFromTheEnvironment_NamesTheVariable()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var workspace = new ConsumerWorkspace(chain, registry, output);

        var run = await workspace.RunAsync<SampleBuild>(workspace.PublishArguments("3.2.1"), environment: new Dictionary<string, string> { ["NAMESPACE"] = "prod\n" });

        run.ExitCode.Should().Be(2, "{0}", run);
        run.Output.Should().Contain("--namespace (from environment variable NAMESPACE)", "a value with an environment file's newline is not a name");
        (await workspace.LocalTagsAsync()).Should().BeEmpty();
        using var registryClient = registry.CreateClient();
        (await registryClient.FindAsync(workspace.ReleaseImage("3.2.1"))).Should().BeNull();
    }

    [Fact]
    public async Task Publish_IdentityTokenCredentialsChosenForThePullSecret_AreRefusedBeforeCompileAsNoPullSecretCanCarryThem()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var workspace = new ConsumerWorkspace(chain, registry, output);
        Directory.CreateDirectory(Path.Combine(workspace.Home, ".docker"));
        await File.WriteAllTextAsync(
            Path.Combine(workspace.Home, ".docker", "config.json"),
            $$"""{ "auths": { "{{registry.Host}}": { "auth": "{{Convert.ToBase64String("<token>:"u8.ToArray())}}", "identitytoken": "opaque-refresh-token" } } }""");
        var publish = workspace.PublishArguments("3.2.1");
        var withoutUser = publish.Where((_, index) => index is not (1 or 2) && publish[Math.Max(index - 1, 0)] != "--registry-username" && publish[index] != "--registry-username");

        // Only a login chosen for the pull Secret becomes one; a found one is refused before this check (PullCredentialsTests).
        var run = await workspace.RunAsync<SampleBuild>([.. withoutUser, "--pull-secret-from-docker-config"]);

        run.ExitCode.Should().Be(2, "{0}", run);
        run.Output.Should().Contain("identity tokens are not accepted");
        Directory.Exists(Path.Combine(workspace.Root, "artifacts", "publish")).Should().BeFalse("Compile did not run");
        run.Output.Should().NotContain("opaque-refresh-token");
    }

    [Fact]
    public async Task Push_VariablesOfParametersItDoesNotUse_AreIgnoredEvenWithBadValues()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var workspace = new ConsumerWorkspace(chain, registry, output);
        var unrelated = new Dictionary<string, string> { ["KEEP"] = "/tmp/logs", ["NAMESPACE"] = "Bad_NS", ["REPLICAS"] = "many", ["PULL_SECRET"] = "a b" };

        var run = await workspace.RunAsync<SampleBuild>(["Push", .. workspace.PublishArguments("3.2.1").Skip(1), "--verbose"], environment: unrelated);

        run.ExitCode.Should().Be(0, "{0}", run);
        run.StatusOf("Push").Should().Be("Succeeded");
        run.Output.Should().Contain("Ignored environment variable NAMESPACE (--namespace): no planned target uses it.")
            .And.Contain("Ignored environment variable REPLICAS (--replicas)")
            .And.Contain("Ignored environment variable PULL_SECRET (--pull-secret)");
        using var registryClient = registry.CreateClient();
        (await registryClient.FindAsync(workspace.ReleaseImage("3.2.1"))).Should().NotBeNull();
    }

    private static string[] Arguments(ConsumerWorkspace workspace, params string[] extra)
    {
        // Publish as a user runs it, Compile included: a bad value that got past the checks would publish the app.
        var publish = workspace.PublishArguments("3.2.1");
        return [.. publish.Where((_, index) => index is not (1 or 2)), "--namespace", Namespace, .. extra];
    }

    /// <summary>Runs Publish with one bad value (and a file it names, when given) against a registry and an API-server double, and checks nothing was made.</summary>
    private async Task<ChainRun> RunRefusedAsync(string flag, string value, string? fileContent = null, string[]? extra = null)
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var cluster = await ApiServerDouble.StartAsync();
        await using var workspace = new ConsumerWorkspace(chain, registry, output);
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(workspace.Root, "kubeconfig"));
        if (fileContent is not null)
        {
            value = Path.Combine(workspace.Root, value);
            await File.WriteAllTextAsync(value, fileContent);
        }

        var started = DateTimeOffset.UtcNow;
        var run = await workspace.RunAsync<SampleBuild>(Arguments(workspace, [flag, value, "--kubeconfig", kubeconfig, .. extra ?? []]));

        run.ExitCode.Should().Be(2, "{0}", run);
        (DateTimeOffset.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(20), "no target ran, so no compile, build or push");
        run.Output.Should().NotContain("Compile", "the build stops before the summary of any target");
        Directory.Exists(Path.Combine(workspace.Root, "artifacts", "publish")).Should().BeFalse("Compile did not run");
        Directory.Exists(Path.Combine(workspace.Root, "artifacts", "k8s")).Should().BeFalse("Render did not run");
        (await workspace.LocalTagsAsync()).Should().BeEmpty();
        using var registryClient = registry.CreateClient();
        (await registryClient.FindAsync(workspace.ReleaseImage("3.2.1"))).Should().BeNull();
        using var client = new Kubernetes(cluster.ClientConfiguration());
        var read = () => client.CoreV1.ReadNamespaceAsync(Namespace);
        (await read.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        return run;
    }
}
