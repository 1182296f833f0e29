namespace PipelineRepoBuild;

/// <summary>Test outcomes summed over every .trx file of a run.</summary>
internal readonly record struct TestCounts(int Passed, int Failed, int Skipped)
{
    public int Total => Passed + Failed + Skipped;

    public static TestCounts operator +(TestCounts left, TestCounts right) =>
        new(left.Passed + right.Passed, left.Failed + right.Failed, left.Skipped + right.Skipped);

    /// <summary><c>N passed, N failed</c>, with <c>, N skipped</c> only when something was skipped.</summary>
    public override string ToString() =>
        Skipped > 0 ? $"{Passed} passed, {Failed} failed, {Skipped} skipped" : $"{Passed} passed, {Failed} failed";
}
