using k8s;
using k8s.KubeConfigModels;

namespace Pipeline.Cluster;

/// <summary>
/// Loads the files of a KUBECONFIG list and merges them as kubectl does: the first file to define a context, cluster
/// or user (by name) or the current-context wins.
/// </summary>
internal static class KubeconfigMerge
{
    public static async Task<K8SConfiguration> LoadAsync(IReadOnlyList<FileInfo> files)
    {
        var loaded = new List<K8SConfiguration>();
        foreach (var file in files)
        {
            // Relative certificate paths resolve against the file that names them.
            loaded.Add(await KubernetesClientConfiguration.LoadKubeConfigAsync(file, useRelativePaths: true).ConfigureAwait(false));
        }

        if (loaded.Count == 1)
        {
            return loaded[0];
        }

        return new K8SConfiguration
        {
            ApiVersion = "v1",
            Kind = "Config",
            CurrentContext = loaded.Select(config => config.CurrentContext).FirstOrDefault(name => !string.IsNullOrWhiteSpace(name)),
            Contexts = FirstByName(loaded.SelectMany(config => config.Contexts ?? []), context => context.Name),
            Clusters = FirstByName(loaded.SelectMany(config => config.Clusters ?? []), cluster => cluster.Name),
            Users = FirstByName(loaded.SelectMany(config => config.Users ?? []), user => user.Name),
        };
    }

    private static List<T> FirstByName<T>(IEnumerable<T> items, Func<T, string> name) =>
        items.GroupBy(name, StringComparer.Ordinal).Select(group => group.First()).ToList();
}
