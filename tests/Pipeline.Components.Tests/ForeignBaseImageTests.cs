using System.Text;
using System.Text.Json;
using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Pipeline.Registry;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;

namespace Pipeline.Components.Tests;

[Collection(ChainCollection.Name)]
public sealed class ForeignBaseImageTests(ChainFixture chain, ITestOutputHelper output)
{
    [Fact]
    public async Task Publish_BaseInAnotherRegistry_BuildsDirectlyWithThatRegistrysLoginAndLogsOneLinePerLayer()
    {
        await using var bases = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd, Username = "base-reader" });
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await bases.SeedImageAsync("bases", "one");
        var baseLayer = TestImage.Create("bases:one").LayerDigest;
        await using var workspace = new ConsumerWorkspace(chain, registry, output);
        // The base registry's login is the user's docker login for it; the push registry's comes from REGISTRY_PASSWORD.
        Directory.CreateDirectory(Path.Combine(workspace.Home, ".docker"));
        var pair = Convert.ToBase64String(Encoding.UTF8.GetBytes($"base-reader:{bases.Credentials.Password}"));
        await File.WriteAllTextAsync(Path.Combine(workspace.Home, ".docker", "config.json"), $"{{\"auths\":{{\"{bases.Host}\":{{\"auth\":\"{pair}\"}}}}}}");
        var arguments = workspace.PublishArguments("1.0.0");
        arguments[Array.IndexOf(arguments, "--base-image") + 1] = $"{bases.Host}/bases:one";

        var run = await workspace.RunAsync<SampleBuild>(arguments);

        run.ExitCode.Should().Be(0, "{0}", run);
        run.SummaryValue("Image builder").Should().StartWith("direct builder");
        using var client = registry.CreateClient();
        var manifest = await client.Manifests.GetAsync(workspace.Artifact, "v1.0.0");
        using var document = JsonDocument.Parse(manifest.Content);
        var layers = document.RootElement.GetProperty("layers").EnumerateArray().Select(layer => Digest.Parse(layer.GetProperty("digest").GetString()!)).ToList();
        layers[0].Should().Be(baseLayer, "the base's layer, fetched from its registry and uploaded with its digest");
        foreach (var layer in layers)
        {
            run.Lines.Where(line => line.Contains($"layer {layer.Hex[..12]}: ", StringComparison.Ordinal))
                .Should().ContainSingle("the CI log has one line per layer").Which.Should().Contain(": Pushed");
        }

        run.Lines.Should().NotContain(line => line.Contains(": Pushing", StringComparison.Ordinal), "no line per chunk");
        foreach (var secret in workspace.PasswordForms.Append(bases.Credentials.Password!).Append(pair))
        {
            run.Output.Should().NotContain(secret);
        }
    }
}
