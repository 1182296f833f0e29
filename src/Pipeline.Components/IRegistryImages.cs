using Microsoft.Extensions.Logging;
using Pipeline.Engine;

namespace Pipeline.Components;

/// <summary>RegistryImages: lists the registry's repositories and their tags through the registry API.</summary>
public interface IRegistryImages : IHazRegistry
{
    /// <summary>Lists repositories and tags.</summary>
    Target RegistryImages => _ => _
        .Description("List the registry's repositories and tags")
        .Executes(async cancellationToken =>
        {
            using var registry = await ConnectRegistryAsync(cancellationToken);
            var repositories = await registry.Repositories.ListRepositoriesAsync(cancellationToken: cancellationToken);
            foreach (var repository in repositories)
            {
                var tags = await registry.Repositories.ListTagsAsync(repository, cancellationToken: cancellationToken);
                Log.LogInformation("{Repository}: {Tags}", repository, tags.Count == 0 ? "(no tags)" : string.Join(", ", tags.Order(StringComparer.Ordinal)));
            }

            Summary.Add("Registry", $"{Registry}: {repositories.Count} repositories");
        });
}
