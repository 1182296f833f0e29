namespace Pipeline.Engine.Tests.Support;

/// <summary>Captures output and cancels the build as soon as a line containing a marker is written.</summary>
internal sealed class CancelOnLineWriter(string marker, CancellationTokenSource cancellation) : StringWriter
{
    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        if (value?.Contains(marker, StringComparison.Ordinal) == true)
        {
            cancellation.Cancel();
        }
    }
}
