namespace Pipeline.Image.Direct;

/// <summary>
/// Whether <c>ADD</c> of a local file would unpack it: Docker looks at the content, not the name, and unpacks a tar,
/// plain or compressed (gzip, bzip2, xz, zstd). Any compressed file counts: it may hold a tar.
/// </summary>
internal static class LocalArchive
{
    public static async Task<bool> MayBeOneAsync(string path, CancellationToken cancellationToken)
    {
        var head = new byte[262];
        await using var file = File.OpenRead(path);
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var bytes = head.AsSpan(0, read);
        return bytes.StartsWith((byte[])[0x1F, 0x8B])
            || bytes.StartsWith("BZh"u8)
            || bytes.StartsWith((byte[])[0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00])
            || bytes.StartsWith((byte[])[0x28, 0xB5, 0x2F, 0xFD])
            || (read >= 262 && bytes[257..262].SequenceEqual("ustar"u8));
    }
}
