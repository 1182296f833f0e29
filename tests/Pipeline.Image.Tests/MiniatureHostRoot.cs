using System.Runtime.InteropServices;

namespace Pipeline.Image.Tests;

/// <summary>
/// A machine's files in miniature, below a folder: busybox, the loader and the libraries the offline base takes, each
/// with its own content and one fixed modification time, for the local-base tests (engine tag and direct layer).
/// </summary>
internal static class MiniatureHostRoot
{
    public static readonly DateTime Modified = new(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    public static string Triplet => RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";

    private static readonly string[] Libraries =
    [
        "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libresolv.so.2",
        "libgcc_s.so.1", "libz.so.1", "libstdc++.so.6",
    ];

    private static string Loader => RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "ld-linux-aarch64.so.1" : "ld-linux-x86-64.so.2";

    public static TemporaryFolder Create()
    {
        var root = new TemporaryFolder();
        root.Write("bin/busybox", "busybox v1");
        root.Write($"lib/{Triplet}/{Loader}", "loader");
        foreach (var library in Libraries)
        {
            root.Write($"lib/{Triplet}/{library}", $"{library} v1");
        }

        foreach (var file in Directory.GetFiles(root.Path, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, Modified);
        }

        return root;
    }
}
