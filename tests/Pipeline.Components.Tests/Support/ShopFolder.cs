namespace Pipeline.Components.Tests.Support;

/// <summary>Copies samples/Shop without any bin/ or obj/ a local build left.</summary>
internal static class ShopFolder
{
    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from).Where(folder => Path.GetFileName(folder) is not "bin" and not "obj"))
        {
            Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
