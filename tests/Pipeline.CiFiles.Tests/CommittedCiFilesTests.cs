using Pipeline.Engine;
using Pipeline.Testing.Docker;
using PipelineRepoBuild;

namespace Pipeline.CiFiles.Tests;

/// <summary>
/// The committed .github/workflows/ci.yml and Jenkinsfile against what this repo's own build (build/) generates: the
/// build class itself runs GenerateCiFiles, so a change to its CI description without regenerating fails here.
/// </summary>
public sealed class CommittedCiFilesTests : IDisposable
{
    private static readonly string[] CiFiles = [Path.Combine(".github", "workflows", "ci.yml"), "Jenkinsfile"];

    private readonly string _repository = RepositoryRoot.Find();
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "pipeline-ci-files", Guid.NewGuid().ToString("N"));

    public CommittedCiFilesTests() => Directory.CreateDirectory(Path.Combine(_scratch, ".pipeline"));

    [Fact]
    public async Task GenerateCiFilesCheck_InThisRepository_FindsTheCommittedFilesUpToDate()
    {
        var (exitCode, output) = await RunBuildAsync(_repository, "GenerateCiFiles", "--check");

        exitCode.Should().Be(0, "the committed CI files must be what ./build.sh GenerateCiFiles writes:\n{0}", output);
        output.Should().Contain(".github/workflows/ci.yml and Jenkinsfile match the build definition");
    }

    [Fact]
    public async Task GenerateCiFiles_InAnEmptyCheckout_WritesTheCommittedFilesByteForByte()
    {
        var (exitCode, output) = await RunBuildAsync(_scratch, "GenerateCiFiles");

        exitCode.Should().Be(0, output);
        foreach (var file in CiFiles)
        {
            (await File.ReadAllBytesAsync(Path.Combine(_scratch, file))).Should().Equal(await File.ReadAllBytesAsync(Path.Combine(_repository, file)), file);
        }
    }

    [Fact]
    public async Task GenerateCiFilesCheck_AfterAHandEdit_FailsNamingTheFileTheLineAndTheFix()
    {
        foreach (var file in CiFiles)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_scratch, file))!);
            File.Copy(Path.Combine(_repository, file), Path.Combine(_scratch, file));
        }

        var workflow = Path.Combine(_scratch, CiFiles[0]);
        var edited = (await File.ReadAllTextAsync(workflow)).Replace("run: ./build.sh Test", "run: dotnet test", StringComparison.Ordinal);
        await File.WriteAllTextAsync(workflow, edited);

        var (exitCode, output) = await RunBuildAsync(_scratch, "GenerateCiFiles", "--check");

        exitCode.Should().Be(1, output);
        output.Should().Contain(".github/workflows/ci.yml differs from line")
            .And.Contain("generated: 'run: ./build.sh Test', committed: 'run: dotnet test'")
            .And.Contain("Run ./build.sh GenerateCiFiles and commit the result.")
            .And.NotContain("Jenkinsfile differs", "the Jenkinsfile was not touched");
        (await File.ReadAllTextAsync(workflow)).Should().Be(edited, "--check writes nothing");
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static async Task<(int ExitCode, string Output)> RunBuildAsync(string root, params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = await PipelineBuild.ExecuteAsync<Build>(args, new BuildHostContext
        {
            Output = output,
            Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["HOME"] = root },
            WorkingDirectory = root,
        });
        return (exitCode, output.ToString());
    }
}
