using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Pipeline.Engine.Runtime;

namespace Pipeline.Engine;

/// <summary>
/// Base class of a build: <c>class Build : PipelineBuild, IPublish { static int Main(string[] args) => Execute&lt;Build&gt;(args); }</c>.
/// Targets are <see cref="Target"/> properties of the class and of every interface it implements.
/// </summary>
public abstract class PipelineBuild : IPipelineBuild
{
    private const int MinimumPoolThreads = 16;

    private BuildRuntime? runtime;

    /// <inheritdoc />
    public AbsolutePath RootDirectory => Runtime.RootDirectory;

    /// <inheritdoc />
    public ILogger Log => Runtime.Logger;

    /// <inheritdoc />
    public BuildSummary Summary => Runtime.Summary;

    /// <inheritdoc />
    public CiHost Host => Runtime.Host;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Environment => Runtime.Environment;

    /// <inheritdoc />
    public bool IsInteractive => Runtime.IsInteractive;

    /// <inheritdoc />
    public TextWriter Terminal => Runtime.Terminal;

    /// <inheritdoc />
    public TState State<TState>()
        where TState : class, new() => (TState)Runtime.States.GetOrAdd(typeof(TState), static _ => new TState());

    /// <inheritdoc />
    public TResult? ResultOf<TResult>(Target target)
        where TResult : class => Runtime.Results.Find<TResult>(target);

    /// <inheritdoc />
    public Targets.TargetStatus? StatusOf(Target target) => Runtime.Results.StatusOf(target);

    /// <inheritdoc />
    public bool IsPlanned(Target target) => Runtime.Results.IsPlanned(target);

    /// <inheritdoc />
    public Task<T> Once<T>(Func<Task<T>> compute, [CallerMemberName] string key = "") => Runtime.Memo.GetAsync(key, compute);

    private BuildRuntime Runtime => runtime
        ?? throw new InvalidOperationException("The build is not running: start it with PipelineBuild.Execute or ExecuteAsync.");

    /// <inheritdoc />
    public T Parameter<T>(T defaultValue, [CallerMemberName] string name = "") => Runtime.Parameters.Read(name, defaultValue);

    /// <inheritdoc />
    public void AddSecret(string value) => Runtime.Output.AddSecret(value);

    /// <summary>
    /// Runs the build with the process's arguments, console, environment and working directory.
    /// Ctrl+C or SIGTERM cancels the running target (clean-up targets still run).
    /// </summary>
    /// <typeparam name="TBuild">The build class.</typeparam>
    /// <param name="args">The command line: <c>[targets…] [--help] [--plan] [--verbose] [--skip [targets…]] [--parameter value…]</c>.</param>
    /// <returns>0 success, 1 a target failed, 2 usage or configuration error, 130 cancelled.</returns>
    public static int Execute<TBuild>(string[] args)
        where TBuild : PipelineBuild, new()
    {
        // Targets overlap many short calls that block a thread the first time (loading, JIT, file I/O). With the
        // default minimum of one pool thread per core, a step on the critical path (the image build's request)
        // queues behind them on a small machine; more threads let the OS share the cores instead.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, MinimumPoolThreads), completionPorts);
        using var cancellation = new CancellationTokenSource();
        void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
        {
            // The first Ctrl+C cancels gracefully; a second one ends the process.
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                cancellation.Cancel();
            }
        }

        Console.CancelKeyPress += OnCancelKeyPress;
        using var termination = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            cancellation.Cancel();
        });
        try
        {
            var context = new BuildHostContext
            {
                Output = Console.Out,
                Environment = ReadProcessEnvironment(),
                WorkingDirectory = Directory.GetCurrentDirectory(),
                Cancellation = cancellation.Token,
                IsTerminal = !Console.IsOutputRedirected,
                ChildProcessEnvironment = new ProcessChildEnvironment(),
            };
            return ExecuteAsync<TBuild>(args, context).GetAwaiter().GetResult();
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
        }
    }

    /// <summary>Runs the build with an explicit context (tests, hosts embedding the engine).</summary>
    /// <typeparam name="TBuild">The build class.</typeparam>
    /// <param name="args">The command line.</param>
    /// <param name="context">Output, environment, working directory, cancellation and terminal flag.</param>
    /// <returns>0 success, 1 a target failed, 2 usage or configuration error, 130 cancelled.</returns>
    public static Task<int> ExecuteAsync<TBuild>(string[] args, BuildHostContext context)
        where TBuild : PipelineBuild, new()
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        return new BuildSession(context).RunAsync(new TBuild(), args);
    }

    internal void Attach(BuildRuntime attached) => runtime = attached;

    private static Dictionary<string, string> ReadProcessEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string ?? "";
        }

        return environment;
    }
}
