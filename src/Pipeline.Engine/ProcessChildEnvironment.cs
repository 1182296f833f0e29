using System.Collections;

namespace Pipeline.Engine;

/// <summary>The current process's environment, which every child process inherits.</summary>
public sealed class ProcessChildEnvironment : IChildProcessEnvironment
{
    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Read()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string ?? "";
        }

        return variables;
    }

    /// <inheritdoc />
    public void Remove(string name) => Environment.SetEnvironmentVariable(name, null);
}
