using Pipeline.Image;

namespace Pipeline.Doctor;

/// <summary>
/// The cheap checks a publish runs before its first side effect: the engine answers, and the registry answers
/// over a scheme the engine will use and accepts the credentials. Push access is left to the push itself.
/// </summary>
public static class Preflight
{
    /// <summary>Runs the checks; throws <see cref="DoctorException"/> naming the first failure and its fix.</summary>
    /// <param name="engine">The connected engine.</param>
    /// <param name="registry">The registry to check (<see cref="RegistryCheckRequest.ProbePushAccess"/> is turned off).</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns>The report when nothing failed (warnings included).</returns>
    public static async Task<DoctorReport> EnsureAsync(IContainerEngine engine, RegistryCheckRequest registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(registry);
        var engineDiagnosis = await EngineChecks.RunAsync(_ => Task.FromResult(engine), cancellationToken);
        var registryResults = await RegistryChecks.RunAsync(registry with { Engine = engineDiagnosis.Info, ProbePushAccess = false }, cancellationToken);
        return Ensure(new DoctorReport([.. engineDiagnosis.Results, .. registryResults]));
    }

    /// <summary>The checks when no engine takes part (the direct builder pushes through Pipeline's own client): the registry's only.</summary>
    /// <param name="registry">The registry to check (<see cref="RegistryCheckRequest.ProbePushAccess"/> is turned off).</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns>The report when nothing failed (warnings included).</returns>
    public static async Task<DoctorReport> EnsureAsync(RegistryCheckRequest registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return Ensure(new DoctorReport(await RegistryChecks.RunAsync(registry with { PushedByEngine = false, ProbePushAccess = false }, cancellationToken)));
    }

    private static DoctorReport Ensure(DoctorReport report) => report.HasFailures ? throw new DoctorException(report) : report;
}
