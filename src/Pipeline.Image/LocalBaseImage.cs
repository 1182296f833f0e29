using System.Formats.Tar;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Pipeline.Registry;

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

    private readonly IContainerEngine _engine;
    private readonly ILogger _logger;

    /// <summary>Creates the builder of the local base.</summary>
    public LocalBaseImage(IContainerEngine engine, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(logger);
        _engine = engine;
        _logger = logger;
    }

    /// <summary>Returns the tag of the local base, importing it first when the engine does not have it.</summary>
    /// <exception cref="ImageBuildException">A needed file is missing on this machine, or the import failed.</exception>
    public async Task<ImageReference> EnsureAsync(CancellationToken cancellationToken)
    {
        using var rootfs = new MemoryStream();
        await WriteRootFileSystemAsync(rootfs, cancellationToken);
        var changes = new[] { "ENV PATH=/usr/local/bin:/usr/bin:/bin", "CMD [\"/bin/sh\"]" };
        var hash = Convert.ToHexStringLower(SHA256.HashData(
            [.. rootfs.ToArray(), .. Encoding.UTF8.GetBytes(string.Join('\n', changes))]))[..16];
        var tag = ImageReference.Parse($"{Repository}:{hash}");

        if (await _engine.InspectImageAsync(tag.ToString(), cancellationToken) is not null)
        {
            _logger.LogDebug("Local base image {Tag} is present", tag.ToFamiliarString());
            return tag;
        }

        _logger.LogInformation("Importing local base image {Tag} from this machine's busybox and runtime libraries ({Size:N0} bytes)",
            tag.ToFamiliarString(), rootfs.Length);
        rootfs.Position = 0;
        var result = await _engine.ImportImageAsync(rootfs, tag, [.. changes, $"LABEL {LabelName}={hash}"], cancellationToken);
        if (!result.Succeeded)
        {
            throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
                $"importing the local base image {tag.ToFamiliarString()} failed: {result.Error}. Check the engine's log (docker info, journalctl -u docker).");
        }

        return tag;
    }

    private static (string Triplet, string Loader) Platform() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => ("x86_64-linux-gnu", "/lib64/ld-linux-x86-64.so.2"),
        Architecture.Arm64 => ("aarch64-linux-gnu", "/lib/ld-linux-aarch64.so.1"),
        var other => throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
            $"the local base image supports x64 and arm64 Linux, not {other}: pass --base-image with an image for this machine"),
    };

    /// <summary>Writes the root file system tar; the same machine files always give the same bytes.</summary>
    internal static async Task WriteRootFileSystemAsync(Stream destination, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
                "the local base image is made from a Linux machine's own files: run the build on Linux, or pass --base-image with an image reference");
        }

        var (triplet, loader) = Platform();
        var libraryFolder = $"lib/{triplet}";
        // Ustar, not PAX: .NET names PAX headers after the process ID, which would change the hash every run.
        await using var tar = new TarWriter(destination, TarEntryFormat.Ustar, leaveOpen: true);
        foreach (var folder in new[] { "bin", "etc", "lib", libraryFolder, "lib64", "root", "tmp", "usr", "usr/bin" })
        {
            var mode = folder switch
            {
                "tmp" => Executable | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.StickyBit,
                "root" => UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                _ => Executable,
            };
            await tar.WriteEntryAsync(Entry(TarEntryType.Directory, folder + "/", mode), cancellationToken);
        }

        await AddHostFileAsync(tar, Busybox, "bin/busybox", Executable, cancellationToken);
        foreach (var applet in Applets)
        {
            var link = Entry(TarEntryType.SymbolicLink, $"bin/{applet}", Executable);
            link.LinkName = "busybox";
            await tar.WriteEntryAsync(link, cancellationToken);
        }

        var loaderName = Path.GetFileName(loader);
        await AddHostFileAsync(tar, FindLibrary(loaderName, triplet, loader), $"{libraryFolder}/{loaderName}", Executable, cancellationToken);
        if (loader != $"/{libraryFolder}/{loaderName}")
        {
            // The loader path is baked into every executable (PT_INTERP): it must exist where they look.
            var loaderLink = Entry(TarEntryType.SymbolicLink, loader.TrimStart('/'), Executable);
            loaderLink.LinkName = $"/{libraryFolder}/{loaderName}";
            await tar.WriteEntryAsync(loaderLink, cancellationToken);
        }

        foreach (var library in Libraries)
        {
            await AddHostFileAsync(tar, FindLibrary(library, triplet, loader), $"{libraryFolder}/{library}", Readable | UnixFileMode.UserExecute, cancellationToken);
        }

        await AddTextAsync(tar, "etc/passwd",
            "root:x:0:0:root:/root:/bin/sh\napp:x:1654:1654:app:/app:/bin/false\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n", cancellationToken);
        await AddTextAsync(tar, "etc/group", "root:x:0:\napp:x:1654:\nnogroup:x:65534:\n", cancellationToken);
        await AddTextAsync(tar, "etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n", cancellationToken);
    }

    private static string FindLibrary(string name, string triplet, string loader)
    {
        string[] folders = [$"/lib/{triplet}", $"/usr/lib/{triplet}", "/lib64", "/usr/lib64", "/lib", "/usr/lib", Path.GetDirectoryName(loader)!];
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists)
            ?? throw Missing(name, $"looked in {string.Join(", ", folders.Distinct())}");
    }

    private static async Task AddHostFileAsync(TarWriter tar, string hostPath, string name, UnixFileMode mode, CancellationToken cancellationToken)
    {
        if (!File.Exists(hostPath))
        {
            throw Missing(hostPath, "install it");
        }

        // Library names are usually links to versioned files: store the real content under the name programs ask for.
        var real = File.ResolveLinkTarget(hostPath, returnFinalTarget: true)?.FullName ?? hostPath;
        await using var content = File.OpenRead(real);
        var entry = Entry(TarEntryType.RegularFile, name, mode);
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

    private static ImageBuildException Missing(string file, string detail) =>
        new(ImageBuildFailureKind.BaseImageUnavailable,
            $"cannot make the local base image: {file} is missing on this machine ({detail}). "
            + "Run build/provision.sh docker (it installs busybox and the runtime libraries), or pass --base-image with an image reference.");
}
