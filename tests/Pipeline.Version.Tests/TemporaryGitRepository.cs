using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Pipeline.Version.Tests;

/// <summary>A throw-away git repository made by the test, with identity set per command (no global config).</summary>
internal sealed class TemporaryGitRepository : IDisposable
{
    private TemporaryGitRepository(string path) => Path = path;

    public string Path { get; }

    public static async Task<TemporaryGitRepository> CreateAsync()
    {
        var path = Directory.CreateTempSubdirectory("pipeline-version-test-").FullName;
        var repository = new TemporaryGitRepository(path);
        await repository.GitAsync("init", "--quiet", "--initial-branch=main");
        return repository;
    }

    public async Task<string> CommitAsync(string message)
    {
        await File.AppendAllTextAsync(System.IO.Path.Combine(Path, "file.txt"), message + "\n");
        await GitAsync("add", "file.txt");
        await GitAsync("commit", "--quiet", "-m", message);
        return (await GitAsync("rev-parse", "HEAD")).Trim();
    }

    public async Task<string> GitAsync(params string[] arguments)
    {
        var result = await Cli.Wrap("git")
            .WithArguments(["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", .. arguments])
            .WithWorkingDirectory(Path)
            // Run from a git hook, GIT_DIR would point these commands at the real repository.
            .WithEnvironmentVariables(env => env.Set("GIT_DIR", null).Set("GIT_WORK_TREE", null).Set("GIT_INDEX_FILE", null))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(Encoding.UTF8);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {result.StandardError}");
        }

        return result.StandardOutput;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
