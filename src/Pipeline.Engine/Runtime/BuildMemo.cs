using System.Collections.Concurrent;

namespace Pipeline.Engine.Runtime;

/// <summary>
/// Values a run computes once and shares (the release, the credentials, the engine connection): the first caller
/// computes, every later one awaits the same task. A failed or cancelled computation is not kept, so the next caller
/// (a clean-up target after a cancel) tries again.
/// </summary>
internal sealed class BuildMemo
{
    private readonly ConcurrentDictionary<(Type, string), Lazy<Task<object?>>> _values = new();

    public async Task<T> GetAsync<T>(string key, Func<Task<T>> compute)
    {
        var slot = (typeof(T), key);
        var lazy = _values.GetOrAdd(slot, _ => new Lazy<Task<object?>>(async () => await compute()));
        try
        {
            return (T)(await lazy.Value)!;
        }
        catch
        {
            _values.TryRemove(new KeyValuePair<(Type, string), Lazy<Task<object?>>>(slot, lazy));
            throw;
        }
    }
}
