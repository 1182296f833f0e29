namespace Pipeline.Image.Direct;

/// <summary><c>HEALTHCHECK</c> as the image config stores it (durations are nanoseconds there).</summary>
/// <param name="Test">The test: <c>["CMD", …]</c>, <c>["CMD-SHELL", "…"]</c> or <c>["NONE"]</c>.</param>
/// <param name="Interval">Time between checks; null for the engine's default.</param>
/// <param name="Timeout">Time a check may take; null for the default.</param>
/// <param name="StartPeriod">Grace period after start; null for the default.</param>
/// <param name="Retries">Failures before unhealthy; null for the default.</param>
public sealed record ContainerHealthcheck(IReadOnlyList<string> Test, TimeSpan? Interval, TimeSpan? Timeout, TimeSpan? StartPeriod, int? Retries);
