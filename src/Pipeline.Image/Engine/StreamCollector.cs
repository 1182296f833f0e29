using Docker.DotNet.Models;

namespace Pipeline.Image;

/// <summary>
/// Records every stream message synchronously, then forwards it. Synchronous on purpose: <see cref="Progress{T}"/>
/// posts to the thread pool, so an in-band error could arrive after the API call's task has completed.
/// </summary>
internal sealed class StreamCollector(IProgress<JSONMessage>? forwardTo) : IProgress<JSONMessage>
{
    private readonly List<JSONMessage> _messages = [];
    private readonly Lock _gate = new();

    public void Report(JSONMessage value)
    {
        lock (_gate)
        {
            _messages.Add(value);
        }

        forwardTo?.Report(value);
    }

    public EngineStreamResult ToResult()
    {
        lock (_gate)
        {
            return new EngineStreamResult([.. _messages]);
        }
    }
}
