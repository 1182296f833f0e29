using System.Collections;

namespace Pipeline.Registry;

/// <summary>
/// The environment variables a stage reads (DOCKER_CONFIG, KUBECONFIG, GITHUB_TOKEN, …), as one value passed in
/// through constructors: the build engine's environment, this process's, or a dictionary in a test. Names are
/// case-sensitive, as on Linux; an unset variable reads as null.
/// </summary>
public sealed class ProcessEnvironment
{
    private readonly Dictionary<string, string> _variables;

    private ProcessEnvironment(Dictionary<string, string> variables) => _variables = variables;

    /// <summary>No variables at all.</summary>
    public static ProcessEnvironment Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>The variable's value; null when it is not set.</summary>
    public string? this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            return _variables.GetValueOrDefault(name);
        }
    }

    /// <summary>A copy of this process's environment as it is now.</summary>
    public static ProcessEnvironment Current() =>
        new(Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Where(entry => entry.Value is string)
            .ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!, StringComparer.Ordinal));

    /// <summary>A copy of <paramref name="variables"/> (the build engine's environment, a test's dictionary).</summary>
    public static ProcessEnvironment From(IEnumerable<KeyValuePair<string, string>> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            copy[name] = value;
        }

        return new ProcessEnvironment(copy);
    }

    /// <summary>The variable's value when it is set and not empty; else null (what most lookups want).</summary>
    public string? NonEmpty(string name) => this[name] is { Length: > 0 } value ? value : null;

    /// <summary>A copy with <paramref name="name"/> set to <paramref name="value"/> (a parameter that wins over the variable).</summary>
    public ProcessEnvironment With(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        return new ProcessEnvironment(new Dictionary<string, string>(_variables, StringComparer.Ordinal) { [name] = value });
    }
}
