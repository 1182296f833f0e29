namespace Pipeline.Registry.Http;

/// <summary>What the client was doing when a response or failure arrived, so errors can name it.</summary>
/// <param name="Resource">The kind of API resource.</param>
/// <param name="Verb">A short verb phrase, e.g. "read the manifest of".</param>
/// <param name="Repository">The repository, if the operation has one.</param>
/// <param name="Reference">The tag or digest, if the operation has one.</param>
internal sealed record RegistryOperation(RegistryResource Resource, string Verb, string? Repository = null, string? Reference = null)
{
    public string Target(RegistryHost registry) => (Repository, Reference) switch
    {
        (null, _) => registry.ToString(),
        (_, null) => $"{registry}/{Repository}",
        _ when Reference.Contains(':', StringComparison.Ordinal) => $"{registry}/{Repository}@{Reference}",
        _ => $"{registry}/{Repository}:{Reference}",
    };
}
