using System.Runtime.InteropServices;
using System.Text;

namespace Pipeline.Image;

/// <summary>
/// What tells one version of a file from another without reading it, as git's index does: device, inode, size,
/// modification and change times (nanoseconds). The change time moves on every write and cannot be set back, so
/// an edit that keeps the size and restores the modification time still changes the stamp.
/// </summary>
internal readonly record struct FileStamp(ulong Device, ulong Inode, long Size, long ModifiedNanoseconds, long ChangedNanoseconds)
{
    private const int CurrentDirectory = -100;   // AT_FDCWD
    private const uint BasicStats = 0x7ff;       // STATX_BASIC_STATS
    private const uint NeededFields = 0x3c0;     // STATX_MTIME | STATX_CTIME | STATX_INO | STATX_SIZE

    /// <summary>
    /// The stamp of <paramref name="path"/> (links followed), or null where it cannot be read completely: not Linux,
    /// no <c>statx</c>, or a file system that does not report all of it. Callers then read the file itself.
    /// </summary>
    public static FileStamp? Read(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var name = Encoding.UTF8.GetBytes(path + "\0");
            if (Statx(CurrentDirectory, name, 0, BasicStats, out var buffer) != 0
                || (buffer.Mask & NeededFields) != NeededFields)
            {
                return null;
            }

            return new FileStamp(
                ((ulong)buffer.DeviceMajor << 32) | buffer.DeviceMinor,
                buffer.Inode,
                (long)buffer.Size,
                Nanoseconds(buffer.ModifiedSeconds, buffer.ModifiedNanoseconds),
                Nanoseconds(buffer.ChangedSeconds, buffer.ChangedNanoseconds));
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when the file's times lie far enough before <paramref name="readAt"/> (when the stamp was read) that a
    /// later write must change them. File systems take times from a coarse clock, so a write in the same tick as a
    /// hash would keep the stamp (git calls this "racily clean"); such a stamp is not trusted. Times in whole
    /// seconds mean a file system that keeps no more: it needs a margin of seconds.
    /// </summary>
    public bool IsSettledAt(DateTimeOffset readAt)
    {
        var wholeSeconds = ModifiedNanoseconds % 1_000_000_000 == 0 && ChangedNanoseconds % 1_000_000_000 == 0;
        var margin = wholeSeconds ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(100);
        var latest = Math.Max(ModifiedNanoseconds, ChangedNanoseconds);
        var limit = (readAt - margin).ToUnixTimeMilliseconds() * 1_000_000;
        return latest < limit;
    }

    /// <summary>A compact text form for the cache file.</summary>
    public override string ToString() => FormattableString.Invariant($"{Device:x}:{Inode}:{Size}:{ModifiedNanoseconds}:{ChangedNanoseconds}");

    private static long Nanoseconds(long seconds, uint nanoseconds) => (seconds * 1_000_000_000) + nanoseconds;

    [DllImport("libc", EntryPoint = "statx")]
    private static extern int Statx(int directory, byte[] path, int flags, uint mask, out StatxBuffer buffer);

    // struct statx (linux/stat.h): the same layout on every architecture.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(96)] public long ChangedSeconds;
        [FieldOffset(104)] public uint ChangedNanoseconds;
        [FieldOffset(112)] public long ModifiedSeconds;
        [FieldOffset(120)] public uint ModifiedNanoseconds;
        [FieldOffset(136)] public uint DeviceMajor;
        [FieldOffset(140)] public uint DeviceMinor;
    }
}
