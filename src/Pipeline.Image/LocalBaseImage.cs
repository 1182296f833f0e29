using System.Formats.Tar;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Image;

/// <summary>
/// An offline base image for machines that cannot pull one: a root file system made in memory from this machine's
/// busybox, dynamic loader and the C/C++ runtime libraries a self-contained .NET app needs, imported through the
/// Engine API and tagged <c>pipeline/local-base:&lt;hash of its contents&gt;</c>. Reused while those files do not change.
/// </summary>
public sealed class LocalBaseImage
{
    /// <summary>The repository local bases are tagged in.</summary>
    public const string Repository = "pipeline/local-base";

    /// <summary>The label that marks a local base (its value is the content hash).</summary>
    public const string LabelName = "io.pipeline.local-base";

    private const string Busybox = "/bin/busybox";

    // Applets linked into /bin: enough for RUN steps, shells and health checks.
    private static readonly string[] Applets =
    [
        "sh", "ash", "cat", "chmod", "chown", "cp", "echo", "env", "false", "grep", "head", "id", "ln", "ls",
        "mkdir", "mv", "ps", "pwd", "rm", "sed", "sleep", "tail", "test", "touch", "true", "uname", "wget", "which",
    ];

    private static readonly string[] Libraries =
    [
        "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libresolv.so.2",
        "libgcc_s.so.1", "libz.so.1", "libstdc++.so.6",
    ];

    // Fixed times and owners: the same machine files give the same tar, hence the same tag.
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const string CacheName = "local-base.stamps";

    private static readonly string[] Changes = ["ENV PATH=/usr/local/bin:/usr/bin:/bin", "CMD [\"/bin/sh\"]"];

    private readonly StageInputNames _inputs;
    private readonly IContainerEngine _engine;
    private readonly ILogger _logger;
    private readonly string _hostRoot;
    private readonly string? _cacheFolder;
    private readonly TimeProvider _clock;

    /// <summary>Creates the builder of the local base.</summary>
    /// <param name="engine">The engine the base is imported into.</param>
    /// <param name="logger">Where the import is logged.</param>
    /// <param name="inputs">What the caller calls its base image input, for the failures that suggest another base.</param>
    public LocalBaseImage(IContainerEngine engine, ILogger logger, StageInputNames? inputs = null)
        : this(engine, logger, "/", StampCache.DefaultFolder, TimeProvider.System, inputs)
    {
    }

    /// <summary>Creates the builder over the files below <paramref name="hostRoot"/>, remembering its tag in <paramref name="cacheFolder"/>.</summary>
    internal LocalBaseImage(IContainerEngine engine, ILogger logger, string hostRoot, string? cacheFolder, TimeProvider clock, StageInputNames? inputs = null)
    {
        _inputs = inputs ?? StageInputNames.Neutral;
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrEmpty(hostRoot);
        ArgumentNullException.ThrowIfNull(clock);
        _engine = engine;
        _logger = logger;
        _hostRoot = hostRoot;
        _cacheFolder = cacheFolder;
        _clock = clock;
    }

    /// <summary>Returns the tag of the local base, importing it first when the engine does not have it.</summary>
    /// <exception cref="ImageBuildException">A needed file is missing on this machine, or the import failed.</exception>
    public async Task<ImageReference> EnsureAsync(CancellationToken cancellationToken) =>
        await FindAsync(cancellationToken) ?? await ImportAsync(cancellationToken);

    /// <summary>The tag when the engine has the local base already, else null. Changes nothing.</summary>
    /// <exception cref="ImageBuildException">A needed file is missing on this machine.</exception>
    internal async Task<ImageReference?> FindAsync(CancellationToken cancellationToken)
    {
        var tag = await TagAsync(cancellationToken);
        if (await _engine.InspectImageAsync(tag.ToString(), cancellationToken) is null)
        {
            return null;
        }

        _logger.LogDebug("Local base image {Tag} is present", tag.ToFamiliarString());
        return tag;
    }

    private async Task<ImageReference> ImportAsync(CancellationToken cancellationToken)
    {
        using var rootfs = new MemoryStream();
        await WriteRootFileSystemAsync(rootfs, _hostRoot, _inputs, cancellationToken);
        var tag = Tag(rootfs);
        _logger.LogInformation("Importing local base image {Tag} from this machine's busybox and runtime libraries ({Size:N0} bytes)",
            tag.ToFamiliarString(), rootfs.Length);
        rootfs.Position = 0;
        var result = await _engine.ImportImageAsync(rootfs, tag, [.. Changes, $"LABEL {LabelName}={tag.Tag}"], cancellationToken);
        if (!result.Succeeded)
        {
            throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
                $"importing the local base image {tag.ToFamiliarString()} failed: {result.Error}. Check the engine's log (docker info, journalctl -u docker).");
        }

        return tag;
    }

    /// <summary>
    /// The tag: a hash of the root file system. Remembered with the stamps of the machine files it is made from
    /// (and this assembly's build, which decides the rest of it); while they are unchanged nothing is read again.
    /// </summary>
    internal async Task<ImageReference> TagAsync(CancellationToken cancellationToken)
    {
        var cache = StampCache.Load(_cacheFolder, CacheName);
        var inputs = InputStamps(_hostRoot, _inputs, _clock.GetUtcNow(), out var settled);
        if (inputs is not null && cache.Find(_hostRoot, inputs) is { } remembered)
        {
            return ImageReference.Parse($"{Repository}:{remembered}");
        }

        using var rootfs = new MemoryStream();
        await WriteRootFileSystemAsync(rootfs, _hostRoot, _inputs, cancellationToken);
        var tag = Tag(rootfs);
        if (inputs is not null && settled && InputStamps(_hostRoot, _inputs, readAt: null, out _) == inputs)
        {
            cache.Remember(_hostRoot, inputs, tag.Tag!);
            await cache.SaveAsync(cancellationToken);
        }

        return tag;
    }

    /// <summary>
    /// The stamps of the machine files the root file system is made from (and this assembly's build, which decides
    /// the rest of it), as one text; null when one cannot be read. <paramref name="settled"/> says whether every file
    /// was settled at <paramref name="readAt"/> (a value worked out from it may then be remembered).
    /// </summary>
    internal static string? InputStamps(string hostRoot, StageInputNames inputs, DateTimeOffset? readAt, out bool settled)
    {
        var text = new StringBuilder(typeof(LocalBaseImage).Assembly.ManifestModule.ModuleVersionId.ToString("N"));
        settled = true;
        foreach (var file in HostFiles(hostRoot, inputs))
        {
            if (FileStamp.Read(file.HostPath) is not { } stamp)
            {
                return null;
            }

            settled &= readAt is not { } time || stamp.IsSettledAt(time);
            text.Append(' ').Append(file.HostPath).Append('=').Append(stamp);
        }

        return text.ToString();
    }

    /// <summary>The folders of the root file system, <c>/</c>-separated and relative, in tar order (nothing else in it is a folder).</summary>
    internal static IReadOnlyList<string> Folders(StageInputNames inputs) =>
        ["bin", "etc", "lib", $"lib/{Platform(inputs).Triplet}", "lib64", "root", "tmp", "usr", "usr/bin"];

    internal static ImageReference Tag(MemoryStream rootfs)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(
            [.. rootfs.ToArray(), .. Encoding.UTF8.GetBytes(string.Join('\n', Changes))]))[..16];
        return ImageReference.Parse($"{Repository}:{hash}");
    }

    private static (string Triplet, string Loader) Platform(StageInputNames inputs) => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => ("x86_64-linux-gnu", "/lib64/ld-linux-x86-64.so.2"),
        Architecture.Arm64 => ("aarch64-linux-gnu", "/lib/ld-linux-aarch64.so.1"),
        var other => throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
            $"the local base image supports x64 and arm64 Linux, not {other}: set {inputs.BaseImage} to an image for this machine"),
    };

    /// <summary>Writes the root file system tar; the same machine files always give the same bytes.</summary>
    internal static Task WriteRootFileSystemAsync(Stream destination, CancellationToken cancellationToken) =>
        WriteRootFileSystemAsync(destination, "/", StageInputNames.Neutral, cancellationToken);

    /// <summary>Writes the root file system tar from the machine files below <paramref name="hostRoot"/>.</summary>
    internal static async Task WriteRootFileSystemAsync(Stream destination, string hostRoot, StageInputNames inputs, CancellationToken cancellationToken)
    {
        var (triplet, loader) = Platform(inputs);
        var libraryFolder = $"lib/{triplet}";
        var files = HostFiles(hostRoot, inputs);
        // Ustar, not PAX: .NET names PAX headers after the process ID, which would change the hash every run.
        await using var tar = new TarWriter(destination, TarEntryFormat.Ustar, leaveOpen: true);
        foreach (var folder in Folders(inputs))
        {
            var mode = folder switch
            {
                "tmp" => Executable | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.StickyBit,
                "root" => UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                _ => Executable,
            };
            await tar.WriteEntryAsync(Entry(TarEntryType.Directory, folder + "/", mode), cancellationToken);
        }

        await AddHostFileAsync(tar, files[0], cancellationToken);
        foreach (var applet in Applets)
        {
            var link = Entry(TarEntryType.SymbolicLink, $"bin/{applet}", Executable);
            link.LinkName = "busybox";
            await tar.WriteEntryAsync(link, cancellationToken);
        }

        var loaderName = Path.GetFileName(loader);
        await AddHostFileAsync(tar, files[1], cancellationToken);
        if (loader != $"/{libraryFolder}/{loaderName}")
        {
            // The loader path is baked into every executable (PT_INTERP): it must exist where they look.
            var loaderLink = Entry(TarEntryType.SymbolicLink, loader.TrimStart('/'), Executable);
            loaderLink.LinkName = $"/{libraryFolder}/{loaderName}";
            await tar.WriteEntryAsync(loaderLink, cancellationToken);
        }

        foreach (var library in files.Skip(2))
        {
            await AddHostFileAsync(tar, library, cancellationToken);
        }

        await AddTextAsync(tar, "etc/passwd",
            "root:x:0:0:root:/root:/bin/sh\napp:x:1654:1654:app:/app:/bin/false\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n", cancellationToken);
        await AddTextAsync(tar, "etc/group", "root:x:0:\napp:x:1654:\nnogroup:x:65534:\n", cancellationToken);
        await AddTextAsync(tar, "etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n", cancellationToken);
    }

    /// <summary>
    /// The machine files the root file system holds, in tar order: busybox, the dynamic loader, the libraries; each
    /// with its name in the tar and its mode. Everything else in it is fixed by this class.
    /// </summary>
    private static List<(string HostPath, string Name, UnixFileMode Mode)> HostFiles(string hostRoot, StageInputNames inputs)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
                $"the local base image is made from a Linux machine's own files: run the build on Linux, or set {inputs.BaseImage} to an image reference");
        }

        var (triplet, loader) = Platform(inputs);
        var libraryFolder = $"lib/{triplet}";
        var busybox = Path.Join(hostRoot, Busybox.TrimStart('/'));
        if (!File.Exists(busybox))
        {
            throw Missing(busybox, "install it", inputs);
        }

        var loaderName = Path.GetFileName(loader);
        List<(string HostPath, string Name, UnixFileMode Mode)> files =
        [
            (busybox, "bin/busybox", Executable),
            (FindLibrary(hostRoot, loaderName, triplet, loader, inputs), $"{libraryFolder}/{loaderName}", Executable),
        ];
        files.AddRange(Libraries.Select(library => (FindLibrary(hostRoot, library, triplet, loader, inputs), $"{libraryFolder}/{library}", Readable | UnixFileMode.UserExecute)));
        return files;
    }

    private static string FindLibrary(string hostRoot, string name, string triplet, string loader, StageInputNames inputs)
    {
        string[] folders = [$"/lib/{triplet}", $"/usr/lib/{triplet}", "/lib64", "/usr/lib64", "/lib", "/usr/lib", Path.GetDirectoryName(loader)!];
        var candidates = folders.Distinct().Select(folder => Path.Join(hostRoot, folder.TrimStart('/'))).ToList();
        return candidates.Select(folder => Path.Join(folder, name)).FirstOrDefault(File.Exists)
            ?? throw Missing(name, $"looked in {string.Join(", ", candidates)}", inputs);
    }

    private static async Task AddHostFileAsync(TarWriter tar, (string HostPath, string Name, UnixFileMode Mode) file, CancellationToken cancellationToken)
    {
        // Library names are usually links to versioned files: store the real content under the name programs ask for.
        var real = File.ResolveLinkTarget(file.HostPath, returnFinalTarget: true)?.FullName ?? file.HostPath;
        await using var content = File.OpenRead(real);
        var entry = Entry(TarEntryType.RegularFile, file.Name, file.Mode);
        entry.DataStream = content;
        await tar.WriteEntryAsync(entry, cancellationToken);
    }

    private static async Task AddTextAsync(TarWriter tar, string name, string text, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var entry = Entry(TarEntryType.RegularFile, name, Readable);
        entry.DataStream = content;
        await tar.WriteEntryAsync(entry, cancellationToken);
    }

    private static UstarTarEntry Entry(TarEntryType kind, string name, UnixFileMode mode) =>
        new(kind, name)
        {
            Mode = mode,
            Uid = 0,
            Gid = 0,
            UserName = "root",
            GroupName = "root",
            ModificationTime = FixedTime,
        };

    private static ImageBuildException Missing(string file, string detail, StageInputNames inputs) =>
        new(ImageBuildFailureKind.BaseImageUnavailable,
            $"cannot make the local base image: {file} is missing on this machine ({detail}). "
            + $"Run build/provision.sh base (it installs busybox; the runtime libraries come with the system), or set {inputs.BaseImage} to an image reference.");
}
