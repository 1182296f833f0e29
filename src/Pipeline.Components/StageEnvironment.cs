using Pipeline.Engine;
using Pipeline.Registry;

namespace Pipeline.Components;

/// <summary>The stages' view of the build's environment (<see cref="IPipelineBuild.Environment"/>), derived where it is handed on.</summary>
internal static class StageEnvironment
{
    /// <summary>The environment every stage is handed: a copy of the build's, which does not change during a run.</summary>
    public static ProcessEnvironment Of(IPipelineBuild build) => ProcessEnvironment.From(build.Environment);
}
