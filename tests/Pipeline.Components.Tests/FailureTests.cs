using System.Text;
using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;

namespace Pipeline.Components.Tests;

[Collection(ChainCollection.Name)]
public sealed class FailureTests(ChainFixture chain, ITestOutputHelper output)
{
    [Fact]
    public async Task Publish_WrongPassword_FailsBeforeBuildingNamingTheUserAndKeepsThePasswordOut()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var workspace = new ConsumerWorkspace(chain, registry, output);
        var wrongPassword = "wrong-" + Guid.NewGuid().ToString("N");

        var run = await workspace.RunAsync<SampleBuild>(workspace.PublishArguments("3.2.1"), wrongPassword);

        run.ExitCode.Should().Be(1, "{0}", run);
        // The release guard asks the registry before anything is built, so the refusal surfaces in Image.
        run.RowOf("Image").Should().Contain("Failed").And.Contain($"refused user {workspace.Username}").And.Contain("401");
        run.Output.Should().NotContain("Step 1/", "nothing is built with credentials the registry refuses");
        run.StatusOf("Push").Should().Be("NotRun");
        run.RowOf("CleanImages").Should().Contain("Skipped").And.Contain("created no local image", "clean-up still runs after a failed Image");
        run.StatusOf("Render").Should().Be("NotRun");
        (await workspace.LocalTagsAsync()).Should().BeEmpty();
        using var client = registry.CreateClient();
        (await client.FindAsync(workspace.ReleaseImage("3.2.1"))).Should().BeNull();
        run.Output.Should().NotContain(wrongPassword);
        run.Output.Should().NotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(wrongPassword)));
        run.Output.Should().NotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{workspace.Username}:{wrongPassword}")));
    }

    [Fact]
    public async Task Publish_PushDeniedToTheDirectBuilder_FailsImageNamingTheUserLeavingNoTagAndNoLocalImage()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Token, GrantedActions = ["pull"] });
        await using var workspace = new ConsumerWorkspace(chain, registry, output);

        var run = await workspace.RunAsync<SampleBuild>(workspace.PublishArguments("3.2.1", "--builder", "direct"));

        run.ExitCode.Should().Be(1, "{0}", run);
        run.RowOf("Image").Should().Contain("Failed");
        run.Output.Should().Contain(workspace.Username);
        run.StatusOf("Push").Should().Be("NotRun");
        run.RowOf("CleanImages").Should().Contain("Skipped").And.Contain("no local image");
        (await workspace.LocalTagsAsync()).Should().BeEmpty();
        using var client = registry.CreateClient();
        (await client.FindAsync(workspace.ReleaseImage("3.2.1"))).Should().BeNull();
        foreach (var form in workspace.PasswordForms)
        {
            run.Output.Should().NotContain(form);
        }
    }

    [Fact]
    public async Task Publish_PushDenied_FailsPushNamingTheUserAndCleanImagesRemovesTheBuiltImage()
    {
        // The token issuer grants this user pull only: the release guard can read, the push is refused.
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Token, GrantedActions = ["pull"] });
        await using var workspace = new ConsumerWorkspace(chain, registry, output);

        var run = await workspace.RunAsync<SampleBuild>(workspace.PublishArguments("3.2.1", "--builder", "engine"));

        run.ExitCode.Should().Be(1, "{0}", run);
        run.StatusOf("Image").Should().Be("Succeeded");
        run.RowOf("Push").Should().Contain("Failed").And.Contain(workspace.Username);
        run.StatusOf("CleanImages").Should().Be("Succeeded", "clean-up runs after a failed Push");
        run.Output.Should().Contain($"Removed {workspace.ReleaseImage("3.2.1")}");
        run.StatusOf("Render").Should().Be("NotRun");
        (await workspace.LocalTagsAsync()).Should().BeEmpty();
        using var client = registry.CreateClient();
        (await client.FindAsync(workspace.ReleaseImage("3.2.1"))).Should().BeNull();
        foreach (var form in workspace.PasswordForms)
        {
            run.Output.Should().NotContain(form);
        }
    }

    [Fact]
    public async Task Publish_FailingBuildWithAnExtraTagTheUserAlreadyHas_LeavesTheUsersTagAlone()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var workspace = new ConsumerWorkspace(chain, registry, output);
        var context = Directory.CreateDirectory(Path.Combine(workspace.Root, "failing-context")).FullName;
        var dockerfile = Path.Combine(context, "Dockerfile");
        await File.WriteAllTextAsync(dockerfile, "ARG BASE_IMAGE=scratch\nFROM ${BASE_IMAGE}\nRUN false\n");
        var users = (await chain.Engine.ListImagesAsync(null, all: false, CancellationToken.None)).First(image => image.RepoTags is { Count: > 0 });
        var usersLatest = workspace.ReleaseImage("3.2.1").WithTag("latest");
        await chain.Engine.TagImageAsync(users.ID, usersLatest, CancellationToken.None);

        var run = await workspace.RunAsync<SampleBuild>(
            [.. workspace.PublishArguments("3.2.1"), "--extra-tags", "latest", "--dockerfile", dockerfile, "--image-context", context]);

        run.ExitCode.Should().Be(1, "{0}", run);
        run.StatusOf("Image").Should().Be("Failed");
        (await chain.Engine.InspectImageAsync(usersLatest.ToString(), CancellationToken.None))!.ID.Should().Be(users.ID, "the build never applied the tag, so the user's stays");
        run.Output.Should().NotContain($"Removed {usersLatest.ToFamiliarString()}", "CleanImages leaves a tag the build did not apply untouched");
    }

    [Fact]
    public async Task Publish_FailingDockerfileStep_FailsImageNamingTheStepAndCleansUp()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var workspace = new ConsumerWorkspace(chain, registry, output);
        var context = Directory.CreateDirectory(Path.Combine(workspace.Root, "failing-context")).FullName;
        var dockerfile = Path.Combine(context, "Dockerfile");
        await File.WriteAllTextAsync(dockerfile, "ARG BASE_IMAGE=scratch\nFROM ${BASE_IMAGE}\nRUN echo about to fail && false\n");

        var run = await workspace.RunAsync<SampleBuild>(
            [.. workspace.PublishArguments("3.2.1"), "--dockerfile", dockerfile, "--image-context", context]);

        run.ExitCode.Should().Be(1, "{0}", run);
        run.StatusOf("Image").Should().Be("Failed");
        run.RowOf("Image").Should().MatchRegex(@"failed at Step 3/\d+ : RUN echo about to fail && false");
        run.Output.Should().Contain("about to fail", "the failing step's output is shown");
        run.StatusOf("Push").Should().Be("NotRun");
        run.StatusOf("CleanImages").Should().Be("Succeeded", "clean-up runs after a failed Image");
        (await workspace.LocalTagsAsync()).Should().BeEmpty();
        using var client = registry.CreateClient();
        (await client.FindAsync(workspace.ReleaseImage("3.2.1"))).Should().BeNull();
    }
}
