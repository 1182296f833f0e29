namespace Pipeline.Engine.Tests.Support;

/// <summary>A build root for one test: a fresh directory holding <c>.pipeline</c>, deleted afterwards.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pipeline-engine-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(System.IO.Path.Combine(Path, ".pipeline"));
    }

    public string Path { get; }

    public void WriteParameters(string json) => File.WriteAllText(System.IO.Path.Combine(Path, ".pipeline", "parameters.json"), json);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
