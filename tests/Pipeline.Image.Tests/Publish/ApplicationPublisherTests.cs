using Pipeline.Image;

namespace Pipeline.Image.Tests.Publish;

/// <summary>One real project, published with the real SDK: each test starts and ends with it published and current.</summary>
public sealed class ApplicationPublisherTests(PublishedApp app) : IClassFixture<PublishedApp>
{
    [Fact]
    public async Task PublishAsync_NothingChanged_SkipsWithTheReasonUnlessForced()
    {
        await PublishAsync();
        var before = app.Publishes;

        var result = await PublishAsync();

        result.Published.Should().BeFalse();
        app.Publishes.Should().Be(before, "dotnet did not run");
        result.UnchangedReason.Should().MatchRegex(@"^inputs unchanged since the last publish \(\d+ files\)$");
        result.InputFiles.Should().BeGreaterThan(100, "the SDK's imports count");
        (await app.Publisher.PublishAsync(app.Request() with { Force = true }, CancellationToken.None)).Published.Should().BeTrue();
        app.Publishes.Should().Be(before + 1);
    }

    [Fact]
    public async Task PublishAsync_SourceRewrittenWithTheSameSizeAndTime_PublishesAgain()
    {
        await PublishAsync();
        var source = Path.Combine(app.Root, "app", "Program.cs");
        var written = File.GetLastWriteTimeUtc(source);
        var text = await File.ReadAllTextAsync(source);
        await File.WriteAllTextAsync(source, text.Contains("one", StringComparison.Ordinal) ? text.Replace("one", "two", StringComparison.Ordinal) : text.Replace("two", "one", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(source, written);   // only the change time tells

        (await PublishAsync()).Published.Should().BeTrue();
        (await PublishAsync()).Published.Should().BeFalse("the new source is recorded");
    }

    [Fact]
    public async Task PublishAsync_NewOrRemovedSourceFile_PublishesAgain()
    {
        await PublishAsync();
        var added = app.Write("app/Added.cs", "internal static class Added;\n");
        (await PublishAsync()).Published.Should().BeTrue("a file was added");

        File.Delete(added);
        (await PublishAsync()).Published.Should().BeTrue("a file was removed");
    }

    [Fact]
    public async Task PublishAsync_DirectoryBuildPropsAboveOrAFileItImports_PublishesAgain()
    {
        await PublishAsync();
        var props = app.Write("Directory.Build.props", """<Project><Import Project="shared.props" /></Project>""");
        var shared = app.Write("shared.props", "<Project><PropertyGroup><Version>1.0.0</Version></PropertyGroup></Project>");
        (await PublishAsync()).Published.Should().BeTrue("a Directory.Build.props appeared above the project");

        // Not a file MSBuild probes for: only the recorded import list knows it.
        app.Write("shared.props", "<Project><PropertyGroup><Version>2.0.0</Version></PropertyGroup></Project>");
        (await PublishAsync()).Published.Should().BeTrue("an imported file changed");
        (await PublishAsync()).Published.Should().BeFalse();

        File.Delete(props);
        File.Delete(shared);
        (await PublishAsync()).Published.Should().BeTrue("the Directory.Build.props went");
    }

    [Fact]
    public async Task PublishAsync_OtherArguments_PublishesAgain()
    {
        await PublishAsync();

        (await PublishAsync("Debug")).Published.Should().BeTrue();
        (await PublishAsync()).Published.Should().BeTrue("back to Release");
    }

    [Fact]
    public async Task PublishAsync_OutputDeletedOrChanged_PublishesAgain()
    {
        await PublishAsync();
        File.Delete(Path.Combine(app.Output, "App.dll"));
        (await PublishAsync()).Published.Should().BeTrue("a published file was deleted");

        await File.AppendAllTextAsync(Path.Combine(app.Output, "App.runtimeconfig.json"), " ");
        (await PublishAsync()).Published.Should().BeTrue("a published file changed");

        Directory.Delete(app.Output, recursive: true);
        (await PublishAsync()).Published.Should().BeTrue("the output was deleted");
    }

    [Fact]
    public async Task PublishAsync_FailedPublish_RecordsNothingAndForgetsTheLastPublish()
    {
        await PublishAsync();
        app.FailNextPublish = true;
        var failing = () => app.Publisher.PublishAsync(app.Request() with { Force = true }, CancellationToken.None);
        await failing.Should().ThrowAsync<InvalidOperationException>();

        (await PublishAsync()).Published.Should().BeTrue("a failed publish may have left its output half-written");
    }

    [Fact]
    public async Task PublishAsync_OnlySourcesChanged_PublishesWithoutRestore()
    {
        await PublishAsync();
        await ChangeProgramAsync();

        (await PublishAsync()).Published.Should().BeTrue();

        app.LastPublishArguments.Should().Contain("--no-restore", "restore's inputs are those of the last restore");
    }

    [Fact]
    public async Task PublishAsync_PackageReferenceAddedOrRemoved_Restores()
    {
        await PublishAsync();
        try
        {
            app.WriteProject("Newtonsoft.Json/13.0.3");   // in the machine's package cache: no download

            (await PublishAsync()).Published.Should().BeTrue();

            app.LastPublishArguments.Should().NotContain("--no-restore", "the project file changed");
            File.Exists(Path.Combine(app.Output, "Newtonsoft.Json.dll")).Should().BeTrue("the new package was restored and published");
        }
        finally
        {
            app.WriteProject();
        }

        (await PublishAsync()).Published.Should().BeTrue();
        app.LastPublishArguments.Should().NotContain("--no-restore", "the package reference went");
        await ChangeProgramAsync();
        (await PublishAsync()).Published.Should().BeTrue();
        app.LastPublishArguments.Should().Contain("--no-restore", "the project file is as at the last restore");
    }

    [Fact]
    public async Task PublishAsync_DirectoryPackagesPropsAssetsFileOrRestoreRecordChanged_Restores()
    {
        await PublishAsync();
        var props = app.Write("Directory.Packages.props", "<Project />");
        try
        {
            await ChangeProgramAsync();
            (await PublishAsync()).Published.Should().BeTrue();
            app.LastPublishArguments.Should().NotContain("--no-restore", "a Directory.Packages.props appeared above the project");
        }
        finally
        {
            File.Delete(props);
        }

        (await PublishAsync()).Published.Should().BeTrue();
        var assets = Directory.EnumerateFiles(Path.Combine(app.Root, "app", "obj"), "project.assets.json", SearchOption.AllDirectories).Single();
        File.SetLastWriteTimeUtc(assets, File.GetLastWriteTimeUtc(assets));   // same content and time: only the change time moves
        await ChangeProgramAsync();
        (await PublishAsync()).Published.Should().BeTrue();
        app.LastPublishArguments.Should().NotContain("--no-restore", "the assets file is not the last restore's");

        // Not an import: only the restore's own record knows it (as it knows the package files it lists).
        var restoreRecord = Path.Combine(Path.GetDirectoryName(assets)!, "project.nuget.cache");
        File.SetLastWriteTimeUtc(restoreRecord, File.GetLastWriteTimeUtc(restoreRecord));
        await ChangeProgramAsync();
        (await PublishAsync()).Published.Should().BeTrue();
        app.LastPublishArguments.Should().NotContain("--no-restore", "project.nuget.cache is not the last restore's");
    }

    [Fact]
    public async Task PublishAsync_ProjectWithAReference_IsCurrentOnceItsFoldersAreKnown()
    {
        var library = app.Write("lib/Lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>
            """);
        var librarySource = app.Write("lib/Greeting.cs", "public static class Greeting { public const string Text = \"one\"; }\n");
        app.WriteProject(projectReference: "../lib/Lib.csproj");
        try
        {
            (await PublishAsync()).Published.Should().BeTrue("the project file changed");
            (await PublishAsync()).Published.Should().BeTrue("lib/ was not walked before the first publish that found it");
            var preprocesses = app.Preprocesses;
            (await PublishAsync()).Published.Should().BeFalse("the referenced folder is walked now, and nothing changed");

            app.Write("lib/Greeting.cs", "public static class Greeting { public const string Text = \"two\"; }\n");
            (await PublishAsync()).Published.Should().BeTrue("a source of the referenced project changed");
            (await PublishAsync()).Published.Should().BeFalse();
            app.Preprocesses.Should().Be(preprocesses, "a source edit reuses the recorded import list");
        }
        finally
        {
            File.Delete(library);
            File.Delete(librarySource);
            Directory.Delete(Path.Combine(app.Root, "lib"), recursive: true);
            app.WriteProject();
        }

        (await PublishAsync()).Published.Should().BeTrue("the reference went");
    }

    private async Task ChangeProgramAsync()
    {
        var source = Path.Combine(app.Root, "app", "Program.cs");
        var text = await File.ReadAllTextAsync(source);
        await File.WriteAllTextAsync(source, text.Contains("one", StringComparison.Ordinal) ? text.Replace("one", "two", StringComparison.Ordinal) : text.Replace("two", "one", StringComparison.Ordinal));
    }

    private Task<ApplicationPublishResult> PublishAsync(string configuration = "Release") =>
        app.Publisher.PublishAsync(app.Request(configuration), CancellationToken.None);
}
