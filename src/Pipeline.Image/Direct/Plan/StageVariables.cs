namespace Pipeline.Image.Direct;

/// <summary>
/// The variables an instruction of one stage expands with: the base's <c>ENV</c> (with Docker's default PATH), then the stage's <c>ENV</c>s,
/// both above its <c>ARG</c>s (Docker: an <c>ENV</c> always wins over an <c>ARG</c> of the same name).
/// </summary>
internal sealed class StageVariables(ContainerSettings? baseSettings)
{
    private readonly Dictionary<string, string> _arguments = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _environment = [];
    private readonly Dictionary<string, string> _baseEnvironment = (baseSettings is null ? [] : DirectBuildPlan.WithDefaultPath(baseSettings.Env))
        .Select(pair => pair.Split('=', 2))
        .GroupBy(parts => parts[0], StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.Last().ElementAtOrDefault(1) ?? string.Empty, StringComparer.Ordinal);

    /// <summary>The stage's <c>ENV</c> pairs in order, a repeated key replaced in place.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment => _environment;

    public void Declare(string name, string value) => _arguments[name] = value;

    public void SetEnvironment(string name, string value)
    {
        var index = _environment.FindIndex(pair => pair.Key == name);
        if (index >= 0)
        {
            _environment[index] = new(name, value);
        }
        else
        {
            _environment.Add(new(name, value));
        }
    }

    /// <summary>A lookup for <see cref="ShellExpansion"/>; a name only the base could define is refused when its settings are unknown.</summary>
    public Func<string, string?> Lookup(DockerfileInstruction instruction) => name =>
    {
        var index = _environment.FindIndex(pair => pair.Key == name);
        if (index >= 0)
        {
            return _environment[index].Value;
        }

        if (_baseEnvironment.TryGetValue(name, out var inherited))
        {
            return inherited;
        }

        if (_arguments.TryGetValue(name, out var argument))
        {
            return argument;
        }

        return baseSettings is null
            ? throw PlanStopped.Refused(instruction, $"${name} is no ARG or ENV of this Dockerfile, so its value would come from the base image's environment, which the plan does not know")
            : null;
    };
}
