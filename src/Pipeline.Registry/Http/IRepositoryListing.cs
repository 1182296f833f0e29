namespace Pipeline.Registry.Http;

/// <summary>Lists repositories and tags (distribution spec "Listing Repositories", "Listing Image Tags"), following <c>Link</c> pagination.</summary>
public interface IRepositoryListing
{
    /// <summary>Every repository in the registry's catalog.</summary>
    Task<IReadOnlyList<string>> ListRepositoriesAsync(int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>Every tag of <paramref name="repository"/>; throws <see cref="RegistryFailureKind.NameUnknown"/> when it does not exist.</summary>
    Task<IReadOnlyList<string>> ListTagsAsync(string repository, int pageSize = 100, CancellationToken cancellationToken = default);
}
