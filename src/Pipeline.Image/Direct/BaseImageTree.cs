using System.Formats.Tar;
using System.IO.Compression;
using Pipeline.Registry;
using Pipeline.Registry.Http;

namespace Pipeline.Image.Direct;

/// <summary>
/// The folders of a base image in the registry, which decide whether a <c>COPY</c> destination is made by the build
/// or kept as the base made it (<see cref="LayerFile.OnlyIfMissing"/>). Each base layer is read once, streamed
/// and verified, for its folder names and whiteouts; the listing is cached by the layer's digest, so a base is read
/// once per machine, and its layers are never uploaded again.
/// </summary>
internal static class BaseImageTree
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueWhiteout = ".wh..wh..opq";

    public static async Task<IReadOnlySet<string>> DirectoriesAsync(
        IBlobOperations blobs, IReadOnlyList<BaseLayer> layers, string targetRepository, string cacheFolder, CancellationToken cancellationToken)
    {
        var directories = new HashSet<string>(StringComparer.Ordinal) { "/" };
        foreach (var layer in layers)
        {
            // A layer's whiteouts hide what the layers below it had (an opaque one empties the folder but keeps
            // it); then its own folders are added.
            var listing = await ListingAsync(blobs, layer, targetRepository, cacheFolder, cancellationToken);
            foreach (var line in listing.Where(line => line[0] != '+'))
            {
                var path = line[1..];
                directories.RemoveWhere(existing => existing.StartsWith(path + "/", StringComparison.Ordinal) || (line[0] == '-' && existing == path));
            }

            directories.UnionWith(listing.Where(line => line[0] == '+').Select(line => line[1..]));
        }

        return directories;
    }

    // "+/dir" for a folder, "-/path" for a whiteout, "*/dir" for an opaque folder; in layer order. A layer on this
    // machine (the offline base, one fetched from another registry) is read where it is; else it is downloaded.
    private static async Task<IReadOnlyList<string>> ListingAsync(IBlobOperations blobs, BaseLayer layer, string targetRepository, string cacheFolder, CancellationToken cancellationToken)
    {
        var cached = Path.Combine(cacheFolder, layer.Digest.Hex + ".tree");
        if (File.Exists(cached))
        {
            return await File.ReadAllLinesAsync(cached, cancellationToken);
        }

        Directory.CreateDirectory(cacheFolder);
        var download = layer.LocalPath is null ? cached + $".{Guid.NewGuid():N}.tmp" : null;
        try
        {
            if (download is not null)
            {
                await using var file = File.Create(download);
                await blobs.DownloadAsync(layer.MountFrom ?? targetRepository, layer.Digest, file, cancellationToken: cancellationToken);
            }

            var listing = new List<string>();
            await using (var file = File.OpenRead(download ?? layer.LocalPath!))
            await using (var gzip = new GZipStream(file, CompressionMode.Decompress))
            await using (var tar = new TarReader(gzip))
            {
                while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
                {
                    var path = "/" + (entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name).Trim('/');
                    var name = Path.GetFileName(path);
                    if (name == OpaqueWhiteout)
                    {
                        listing.Add("*" + Path.GetDirectoryName(path)!.Replace('\\', '/'));
                    }
                    else if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
                    {
                        listing.Add("-" + Path.GetDirectoryName(path)!.Replace('\\', '/').TrimEnd('/') + "/" + name[WhiteoutPrefix.Length..]);
                    }
                    else if (entry.EntryType == TarEntryType.Directory)
                    {
                        listing.Add("+" + path);
                    }
                }
            }

            var temporary = cached + $".{Guid.NewGuid():N}.part";
            await File.WriteAllLinesAsync(temporary, listing, cancellationToken);
            File.Move(temporary, cached, overwrite: true);
            return listing;
        }
        finally
        {
            if (download is not null)
            {
                File.Delete(download);
            }
        }
    }
}
