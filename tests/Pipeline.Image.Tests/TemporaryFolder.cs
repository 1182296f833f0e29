namespace Pipeline.Image.Tests;

/// <summary>A folder under the system temp that the test fills and that is deleted afterwards.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder() => Path = Directory.CreateTempSubdirectory("pipeline-image-test-").FullName;

    public string Path { get; }

    public string Write(string relativePath, string content, UnixFileMode? mode = null)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        if (mode is { } unixMode)
        {
            File.SetUnixFileMode(full, unixMode);
        }

        return full;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
