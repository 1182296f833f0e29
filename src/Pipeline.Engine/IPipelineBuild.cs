using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Pipeline.Engine;

/// <summary>
/// What a build offers its targets and components. Components are interfaces deriving from this one whose
/// default members declare targets and parameters; the build class implements them without writing code.
/// </summary>
public interface IPipelineBuild
{
    /// <summary>
    /// The build root: the nearest ancestor of the working directory holding a <c>.pipeline</c> folder,
    /// else holding <c>.git</c>, else the working directory.
    /// </summary>
    AbsolutePath RootDirectory { get; }

    /// <summary>A logger writing into the current target's group; every message is masked.</summary>
    ILogger Log { get; }

    /// <summary>Lines shown after the summary table and in the GitHub step summary.</summary>
    BuildSummary Summary { get; }

    /// <summary>The CI server the build runs on (or <see cref="CiHost.Local"/>).</summary>
    CiHost Host { get; }

    /// <summary>The environment variables the build runs with; read the environment only through this.</summary>
    IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>True on an interactive terminal (not CI, not redirected): progress bars are drawn only then.</summary>
    bool IsInteractive { get; }

    /// <summary>
    /// The build's terminal for live displays such as progress bars (draw them only when <see cref="IsInteractive"/>):
    /// what is written is masked and reaches the terminal at once (a piece that could begin a secret waits for the next write or a flush). Never write to the console directly.
    /// </summary>
    TextWriter Terminal { get; }

    /// <summary>
    /// The result <paramref name="target"/> returned this run (<see cref="ITargetDefinition.Executes{TResult}"/>, or a
    /// <see cref="TargetSkippedException"/> carrying one); null when it was not planned, did not run, failed, or returned none.
    /// Targets hand each other what they made this way: depend on the target, then read its result.
    /// </summary>
    TResult? ResultOf<TResult>(Target target)
        where TResult : class;

    /// <summary>How <paramref name="target"/> ended this run; null when it was not planned or has not ended yet.</summary>
    Targets.TargetStatus? StatusOf(Target target);

    /// <summary>
    /// Whether <paramref name="target"/> runs this run (planned and not named by <c>--skip</c>), known from the checks
    /// on: how a target tells whether what it reads is made in this process or must already exist.
    /// </summary>
    bool IsPlanned(Target target);

    /// <summary>
    /// Computes a value once per run and shares it with every caller (the release, the credentials, a connection):
    /// later and concurrent callers await the first computation. A failure is not kept: the next caller tries again.
    /// </summary>
    /// <param name="compute">Computes the value; called at most once per successful run.</param>
    /// <param name="key">Names the value together with <typeparamref name="T"/>; the calling member's name by default.</param>
    Task<T> Once<T>(Func<Task<T>> compute, [CallerMemberName] string key = "");

    /// <summary>
    /// The build's one instance of <typeparamref name="TState"/>, created on first use, for what must outlive a
    /// target's failure (the local images to clean up); hand results on with <see cref="ResultOf{TResult}(Target)"/>.
    /// </summary>
    /// <typeparam name="TState">The state type; each component family keeps its own.</typeparam>
    /// <returns>The same instance for the whole run.</returns>
    TState State<TState>()
        where TState : class, new();

    /// <summary>
    /// Reads the bound value of the <c>[Parameter]</c> property that calls it, or <paramref name="defaultValue"/>
    /// when neither argument, environment nor parameters file gives one. Works for reference and value types:
    /// <code>[Parameter("Registry host[:port]")] RegistryHost Registry => Parameter(RegistryHost.Parse("localhost:5000"));
    /// [Parameter("Release version")] ReleaseVersion? Version => Parameter&lt;ReleaseVersion?&gt;(null);</code>
    /// </summary>
    /// <typeparam name="T">The property type (or its nullable form).</typeparam>
    /// <param name="defaultValue">The value when the parameter is not bound; <c>--help</c> shows it.</param>
    /// <param name="name">The calling property's name; supplied by the compiler.</param>
    /// <returns>The bound value, or <paramref name="defaultValue"/>.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="name"/> is not a declared parameter.</exception>
    T Parameter<T>(T defaultValue, [CallerMemberName] string name = "");

    /// <summary>
    /// Masks <paramref name="value"/> (and its base64 forms) in every output from now on, and registers it with
    /// the CI host. Register derived secrets too, e.g. <c>AddSecret($"{user}:{password}")</c> for Basic auth.
    /// </summary>
    void AddSecret(string value);
}
