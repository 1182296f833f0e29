namespace Pipeline.Image.Tests;

/// <summary>The system clock moved ahead: files written by the test count as written long before "now".</summary>
internal sealed class LaterClock(TimeSpan ahead) : TimeProvider
{
    public static LaterClock OneMinute { get; } = new(TimeSpan.FromMinutes(1));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + ahead;
}
