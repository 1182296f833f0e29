namespace Pipeline.Registry.Tests;

/// <summary>Reports on the caller's thread (System.Progress posts to the pool, so reports could arrive late).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
