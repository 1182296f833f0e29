using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Image;

/// <summary>
/// The files a build sends to the engine: the context folder minus what <c>.dockerignore</c> excludes (the
/// Dockerfile and <c>.dockerignore</c> are always sent), plus a Dockerfile from outside the context under a
/// generated name. Entries are in ordinal path order so the same folder gives the same tar.
/// </summary>
public sealed class BuildContext
{
    private const string IgnoreFileName = ".dockerignore";

    private readonly Func<Task<string>>? _dockerfileAppendix;

    private BuildContext(string directory, string dockerfilePath, string dockerfileName, bool dockerfileIsOutside, DockerIgnore ignore, IReadOnlyList<ContextEntry> entries, IReadOnlySet<string> sentOnlyForTheEngine, Func<Task<string>>? dockerfileAppendix = null)
    {
        SentOnlyForTheEngine = sentOnlyForTheEngine;
        _dockerfileAppendix = dockerfileAppendix;
        Directory = directory;
        DockerfilePath = dockerfilePath;
        DockerfileName = dockerfileName;
        DockerfileIsOutsideContext = dockerfileIsOutside;
        Ignore = ignore;
        Entries = entries;
    }

    /// <summary>The context folder.</summary>
    public string Directory { get; }

    /// <summary>The Dockerfile on disk.</summary>
    public string DockerfilePath { get; }

    /// <summary>The Dockerfile's path inside the tar: what the engine's <c>dockerfile</c> parameter names.</summary>
    public string DockerfileName { get; }

    /// <summary>True when the Dockerfile lives outside the context and is added under a generated name.</summary>
    public bool DockerfileIsOutsideContext { get; }

    /// <summary>The ignore rules that applied (with the Dockerfile and <c>.dockerignore</c> kept).</summary>
    public DockerIgnore Ignore { get; }

    /// <summary>What is sent from the context folder, in tar order (the generated Dockerfile not included).</summary>
    public IReadOnlyList<ContextEntry> Entries { get; }

    /// <summary>
    /// The entries the user's ignore rules exclude but that are sent because the engine reads them (the Dockerfile,
    /// <c>.dockerignore</c>): Docker's COPY and ADD do not copy them.
    /// </summary>
    public IReadOnlySet<string> SentOnlyForTheEngine { get; }

    /// <summary>Collects the context.</summary>
    /// <param name="contextDirectory">The folder whose files the Dockerfile can COPY.</param>
    /// <param name="dockerfilePath">The Dockerfile, inside or outside the context.</param>
    /// <param name="ignoreFilePath">The ignore file; <c>.dockerignore</c> in the context when null.</param>
    /// <param name="cancellationToken">Cancels reading the ignore file.</param>
    /// <exception cref="ImageBuildException">The context folder or the Dockerfile does not exist.</exception>
    public static async Task<BuildContext> CreateAsync(string contextDirectory, string dockerfilePath, string? ignoreFilePath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contextDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(dockerfilePath);
        var directory = Path.GetFullPath(contextDirectory);
        var dockerfile = Path.GetFullPath(dockerfilePath);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new ImageBuildException(ImageBuildFailureKind.InvalidInput,
                $"build context '{directory}' does not exist: pass the folder to build from (for .NET, the dotnet publish output).");
        }

        if (!File.Exists(dockerfile))
        {
            throw new ImageBuildException(ImageBuildFailureKind.InvalidInput,
                $"Dockerfile '{dockerfile}' does not exist: pass the path of the Dockerfile to build.");
        }

        var ignore = await DockerIgnore.LoadAsync(ignoreFilePath ?? Path.Combine(directory, IgnoreFileName), cancellationToken);
        var sentOnlyForTheEngine = new HashSet<string>(StringComparer.Ordinal);
        if (ignore.IsExcluded(IgnoreFileName))
        {
            sentOnlyForTheEngine.Add(IgnoreFileName);
        }

        ignore = ignore.Keeping(IgnoreFileName);

        var relativeDockerfile = Path.GetRelativePath(directory, dockerfile).Replace(Path.DirectorySeparatorChar, '/');
        var outside = relativeDockerfile.StartsWith("../", StringComparison.Ordinal) || relativeDockerfile == ".." || Path.IsPathRooted(relativeDockerfile);
        string dockerfileName;
        if (outside)
        {
            // Docker's CLI does the same with a random suffix; a content hash keeps the tar deterministic.
            var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(dockerfile, cancellationToken)));
            dockerfileName = ".dockerfile." + hash[..12];
        }
        else
        {
            dockerfileName = relativeDockerfile;
            if (ignore.IsExcluded(relativeDockerfile))
            {
                sentOnlyForTheEngine.Add(relativeDockerfile);
            }

            ignore = ignore.Keeping(relativeDockerfile);
        }

        var entries = new List<ContextEntry>();
        Collect(directory, directory, ignore, entries);
        return new BuildContext(directory, dockerfile, dockerfileName, outside, ignore, entries, sentOnlyForTheEngine);
    }

    /// <summary>
    /// The same context, sending the Dockerfile with the text <paramref name="appendix"/> gives added at its end, under
    /// a generated name (the file on disk is not changed). The text is asked for when the Dockerfile is written, as
    /// the tar's last entry. The builder uses it to set every label in one step.
    /// </summary>
    public async Task<BuildContext> WithDockerfileAppendixAsync(Func<Task<string>> appendix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appendix);
        var original = await File.ReadAllBytesAsync(DockerfilePath, cancellationToken);
        var name = ".dockerfile." + Convert.ToHexStringLower(SHA256.HashData(original))[..12] + ".labelled";
        return new BuildContext(Directory, DockerfilePath, name, dockerfileIsOutside: true, Ignore, Entries, SentOnlyForTheEngine, appendix);
    }

    /// <summary>Writes the context as a tar to <paramref name="destination"/>, streaming file contents from disk.</summary>
    public Task WriteTarAsync(Stream destination, CancellationToken cancellationToken) =>
        WriteTarAsync(destination, beforeEnd: null, cancellationToken);

    /// <summary>
    /// Writes the context as a tar, then awaits <paramref name="beforeEnd"/> before the archive's end. When anything
    /// fails (a file, <paramref name="beforeEnd"/>, cancellation) the tar is left without its end, so that a reader
    /// cannot take the part it got for a whole context.
    /// </summary>
    public async Task WriteTarAsync(Stream destination, Func<Task>? beforeEnd, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        // GNU, not PAX: .NET names PAX headers after the process ID, so the same folder would give different tars.
        // Not disposed on failure: disposing writes the end-of-archive blocks.
        var writer = new TarWriter(destination, TarEntryFormat.Gnu, leaveOpen: true);
        foreach (var entry in Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = entry.Kind == TarEntryType.Directory ? entry.RelativePath + "/" : entry.RelativePath;
            var tarEntry = NewEntry(entry.Kind, name, entry.Mode, entry.Modified);
            if (entry.Kind == TarEntryType.SymbolicLink)
            {
                tarEntry.LinkName = entry.LinkTarget!;
            }

            if (entry.Kind == TarEntryType.RegularFile && DockerfileIsOutsideContext && entry.RelativePath == IgnoreFileName)
            {
                tarEntry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(await File.ReadAllTextAsync(entry.FullPath, cancellationToken) + "\n" + DockerfileName + "\n"));
                await writer.WriteEntryAsync(tarEntry, cancellationToken);
            }
            else if (entry.Kind == TarEntryType.RegularFile)
            {
                await using var content = File.OpenRead(entry.FullPath);
                tarEntry.DataStream = content;
                await writer.WriteEntryAsync(tarEntry, cancellationToken);
            }
            else
            {
                await writer.WriteEntryAsync(tarEntry, cancellationToken);
            }
        }

        if (DockerfileIsOutsideContext)
        {
            await using Stream content = _dockerfileAppendix is null
                ? File.OpenRead(DockerfilePath)
                : new MemoryStream(Encoding.UTF8.GetBytes(await File.ReadAllTextAsync(DockerfilePath, cancellationToken) + "\n" + await _dockerfileAppendix() + "\n"));
            var dockerfileEntry = NewEntry(TarEntryType.RegularFile, DockerfileName,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                File.GetLastWriteTimeUtc(DockerfilePath));
            dockerfileEntry.DataStream = content;
            await writer.WriteEntryAsync(dockerfileEntry, cancellationToken);
            if (!Entries.Any(entry => entry.RelativePath == IgnoreFileName))
            {
                // The engine drops a sent Dockerfile (and .dockerignore) from what COPY sees only when .dockerignore
                // names it: without this, `COPY . /app` would put the generated Dockerfile into the image.
                var ignoreEntry = NewEntry(TarEntryType.RegularFile, IgnoreFileName,
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    File.GetLastWriteTimeUtc(DockerfilePath));
                ignoreEntry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(DockerfileName + "\n" + IgnoreFileName + "\n"));
                await writer.WriteEntryAsync(ignoreEntry, cancellationToken);
            }
        }

        if (beforeEnd is not null)
        {
            await beforeEnd();
        }

        cancellationToken.ThrowIfCancellationRequested();
        await writer.DisposeAsync();
    }

    /// <summary>
    /// Writes the tar to a temporary file (contexts can be large) and returns it positioned at the start; the file
    /// is deleted when the stream is disposed.
    /// </summary>
    public async Task<Stream> CreateTarFileAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pipeline-context-{Guid.NewGuid():N}.tar");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await WriteTarAsync(file, cancellationToken);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static GnuTarEntry NewEntry(TarEntryType kind, string name, UnixFileMode mode, DateTimeOffset modified) =>
        new(kind, name)
        {
            Mode = mode,
            Uid = 0,
            Gid = 0,
            UserName = string.Empty,
            GroupName = string.Empty,
            ModificationTime = modified,
            AccessTime = modified,
            ChangeTime = modified,
        };

    /// <summary>Walks <paramref name="folder"/> in ordinal order; returns true when anything below it is sent.</summary>
    private static bool Collect(string root, string folder, DockerIgnore ignore, List<ContextEntry> entries)
    {
        var sentAny = false;
        var children = new DirectoryInfo(folder).EnumerateFileSystemInfos()
            .OrderBy(info => info.Name, StringComparer.Ordinal);
        foreach (var child in children)
        {
            var relative = Path.GetRelativePath(root, child.FullName).Replace(Path.DirectorySeparatorChar, '/');
            var excluded = ignore.IsExcluded(relative);
            var mode = OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : child.UnixFileMode;
            if (child.LinkTarget is { } target)
            {
                if (!excluded)
                {
                    entries.Add(new ContextEntry(relative, child.FullName, TarEntryType.SymbolicLink, mode, target, child.LastWriteTimeUtc));
                    sentAny = true;
                }
            }
            else if (child is DirectoryInfo)
            {
                // An excluded folder is only searched when an exception might bring something inside it back.
                if (excluded && !ignore.HasExceptions)
                {
                    continue;
                }

                var entry = new ContextEntry(relative, child.FullName, TarEntryType.Directory, mode, null, child.LastWriteTimeUtc);
                var position = entries.Count;
                var sentInside = Collect(root, child.FullName, ignore, entries);
                if (!excluded || sentInside)
                {
                    entries.Insert(position, entry);
                    sentAny = true;
                }
            }
            else if (!excluded)
            {
                entries.Add(new ContextEntry(relative, child.FullName, TarEntryType.RegularFile, mode, null, child.LastWriteTimeUtc));
                sentAny = true;
            }
        }

        return sentAny;
    }
}
