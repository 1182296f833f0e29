using Docker.DotNet.Models;

namespace Pipeline.Image;

/// <summary>
/// Everything a streaming Engine API call (build, push, import) sent back. The engine reports failures of these
/// calls in-band with HTTP 200, so <see cref="Error"/> — not an exception — says whether the call worked.
/// </summary>
/// <param name="Messages">Every message, in order.</param>
public sealed record EngineStreamResult(IReadOnlyList<JSONMessage> Messages)
{
    /// <summary>The first error the engine reported (its <c>errorDetail</c>, which it sends with every error), or null when the call succeeded.</summary>
    public string? Error => Messages
        .Select(message => message.Error?.Message)
        .FirstOrDefault(error => !string.IsNullOrEmpty(error));

    /// <summary>True when the engine reported no error.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The value of <paramref name="key"/> in the last auxiliary message that carries it (push digest, build image ID).</summary>
    public string? LastAux(string key) => Messages
        .Select(message => message.Aux?.ExtensionData is { } data && data.TryGetValue(key, out var value) ? value?.ToString() : null)
        .LastOrDefault(value => !string.IsNullOrEmpty(value));
}
