using Pipeline.Engine;
using Pipeline.Registry;

namespace Pipeline.Components;

/// <summary>
/// The stages' view of the build's environment (<see cref="IPipelineBuild.Environment"/>), made once per build:
/// <c>State&lt;StageEnvironment&gt;().Of(this)</c>.
/// </summary>
internal sealed class StageEnvironment
{
    private ProcessEnvironment? _environment;

    /// <summary>The environment every stage is handed.</summary>
    public ProcessEnvironment Of(IPipelineBuild build) =>
        _environment ??= ProcessEnvironment.From(build.Environment);
}
