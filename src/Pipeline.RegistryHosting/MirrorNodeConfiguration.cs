using System.Text;

namespace Pipeline.RegistryHosting;

/// <summary>
/// The node-side files that point container runtimes at a mirror, and the instructions to install them. Written
/// only under an output directory the caller names; nothing here touches the machine's own daemons.
/// </summary>
public sealed class MirrorNodeConfiguration
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    internal MirrorNodeConfiguration(RegistryMirrorSettings settings, IReadOnlyList<NodeConfigurationFile> files)
    {
        Files = files;
        Instructions = new MirrorInstructions(settings, files);
    }

    /// <summary>The files, containerd's first.</summary>
    public IReadOnlyList<NodeConfigurationFile> Files { get; }

    /// <summary>Where each file goes and how to reload its runtime; to print, never to run.</summary>
    public MirrorInstructions Instructions { get; }

    /// <summary>
    /// Writes every file under <paramref name="outputDirectory"/> at its <see cref="NodeConfigurationFile.RelativePath"/>
    /// (UTF-8 without BOM, LF), creating directories; returns where each was written and where it goes on a node.
    /// </summary>
    public async Task<IReadOnlyList<WrittenNodeFile>> WriteAsync(string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        var root = Path.GetFullPath(outputDirectory);
        var written = new List<WrittenNodeFile>(Files.Count);
        foreach (var file in Files)
        {
            var localPath = Path.Combine([root, .. file.RelativePath.Split('/')]);
            Directory.CreateDirectory(Path.GetDirectoryName(localPath)!);
            await File.WriteAllTextAsync(localPath, file.Content, Utf8NoBom, cancellationToken);
            written.Add(new WrittenNodeFile(localPath, file.NodePath));
        }

        return written;
    }
}
