using Pipeline.Image;

namespace Pipeline.Doctor;

/// <summary>The engine checks' results, and what the engine said about itself (null when it did not answer).</summary>
/// <param name="Results">One result per engine check.</param>
/// <param name="Info">The engine's info, for the registry checks' plain-HTTP prediction.</param>
public sealed record EngineDiagnosis(IReadOnlyList<CheckResult> Results, EngineInfo? Info);
