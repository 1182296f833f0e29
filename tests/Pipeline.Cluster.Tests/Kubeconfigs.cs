namespace Pipeline.Cluster.Tests;

/// <summary>Writes kubeconfig files from the fixture template, one cluster and context per file.</summary>
internal static class Kubeconfigs
{
    public static string Write(string path, string context, string server)
    {
        var template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "kubeconfig-template.yaml"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, template.Replace("CLUSTER", context + "-cluster", StringComparison.Ordinal)
            .Replace("CONTEXT", context, StringComparison.Ordinal)
            .Replace("SERVER", server, StringComparison.Ordinal));
        return path;
    }
}
