namespace Pipeline.Engine.Tests.Support;

/// <summary>Runs a build the way <see cref="PipelineBuild.Execute{TBuild}"/> does, with captured output and an injected environment.</summary>
internal static class BuildHarness
{
    public static async Task<BuildRun> RunAsync<TBuild>(
        string[] args,
        Dictionary<string, string>? environment = null,
        TemporaryDirectory? root = null,
        StringWriter? output = null,
        bool isTerminal = false,
        IChildProcessEnvironment? children = null,
        CancellationToken cancellation = default)
        where TBuild : PipelineBuild, new()
    {
        using var ownRoot = root is null ? new TemporaryDirectory() : null;
        output ??= new StringWriter();
        var context = new BuildHostContext
        {
            Output = output,
            Environment = environment ?? [],
            WorkingDirectory = (root ?? ownRoot)!.Path,
            Cancellation = cancellation,
            IsTerminal = isTerminal,
            ChildProcessEnvironment = children,
        };
        var exitCode = await PipelineBuild.ExecuteAsync<TBuild>(args, context);
        return new BuildRun(exitCode, output.ToString());
    }
}
