using System.Formats.Tar;
using System.Security.Cryptography;

namespace Pipeline.Image.Tests.Direct;

/// <summary>The files of an exported container (<c>docker export</c>): per path its kind, mode, owner and content hash.</summary>
internal static class ImageFiles
{
    // What the engine adds to every container, not part of the image.
    private static readonly string[] EngineAdded = [".dockerenv", "dev/", "proc/", "sys/", "etc/hostname", "etc/hosts", "etc/resolv.conf", "etc/mtab"];

    public static async Task<SortedDictionary<string, string>> ReadAsync(Stream export)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using var tar = new TarReader(export);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            var name = entry.Name.TrimStart('.', '/');
            if (name.Length == 0 || EngineAdded.Any(added => name == added.TrimEnd('/') || (added.EndsWith('/') && name.StartsWith(added, StringComparison.Ordinal))))
            {
                continue;
            }

            var content = entry.DataStream is { } data ? Convert.ToHexStringLower(await SHA256.HashDataAsync(data)) : entry.LinkName;
            files[name.TrimEnd('/')] = $"{entry.EntryType} {Convert.ToString((int)entry.Mode, 8)} {entry.Uid}:{entry.Gid} {content}";
        }

        return files;
    }
}
