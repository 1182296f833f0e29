using System.IO.Compression;
using System.Text;

namespace Pipeline.Packages.Tests.NuGetFeed;

/// <summary>Writes a minimal package file (a zip with a .nuspec naming its id and version), as pack would.</summary>
internal static class TestPackage
{
    public static string Write(string directory, string id, string version, string extension = ".nupkg")
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{id}.{version}{extension}");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var nuspec = zip.CreateEntry($"{id}.nuspec");
        using var writer = new StreamWriter(nuspec.Open(), Encoding.UTF8);
        writer.Write(
            $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata><id>{id}</id><version>{version}</version><authors>tests</authors><description>test package</description></metadata>
            </package>
            """);
        return path;
    }
}
