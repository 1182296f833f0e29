namespace Pipeline.Image.Tests;

/// <summary>A clock that stays at one moment: files written after it count as written in the moment they are read.</summary>
internal sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
