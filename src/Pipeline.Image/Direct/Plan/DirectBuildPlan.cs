namespace Pipeline.Image.Direct;

/// <summary>
/// A Dockerfile the direct builder can carry out exactly: the base, the layers its instructions add in order, and the
/// settings its instructions change. The plan knows nothing of .NET: splitting a layer (runtime, NuGet packages,
/// the application) is the layer writer's.
/// </summary>
public sealed record DirectBuildPlan : DirectBuildOutcome
{
    /// <summary>The image the build starts from.</summary>
    public required DirectBuildBase Base { get; init; }

    /// <summary>The layers added on top of the base's, in Dockerfile order.</summary>
    public required IReadOnlyList<DirectBuildLayer> Layers { get; init; }

    /// <summary>
    /// The Dockerfile's changes to the base's settings, to be merged onto the base image's config:
    /// <list type="bullet">
    /// <item><see cref="ContainerSettings.Env"/> holds only the Dockerfile's <c>ENV</c> pairs; each replaces the base's
    /// pair of the same key in place, or is appended after the base's in this order.</item>
    /// <item><see cref="ContainerSettings.Labels"/> and <see cref="ContainerSettings.ExposedPorts"/> are added to the
    /// base's (a label of the same key replaces the base's).</item>
    /// <item>A null <see cref="ContainerSettings.Entrypoint"/>, <see cref="ContainerSettings.User"/>,
    /// <see cref="ContainerSettings.WorkingDir"/>, <see cref="ContainerSettings.StopSignal"/> or
    /// <see cref="ContainerSettings.Healthcheck"/> keeps the base's.</item>
    /// <item>A null <see cref="ContainerSettings.Cmd"/> keeps the base's unless <see cref="ClearsBaseCmd"/>.</item>
    /// </list>
    /// <see cref="ApplyTo"/> does exactly that.
    /// </summary>
    public required ContainerSettings Settings { get; init; }

    /// <summary>
    /// True when an <c>ENTRYPOINT</c> and no later <c>CMD</c> leave the image without the base's <c>CMD</c>, as Docker
    /// resets it.
    /// </summary>
    public bool ClearsBaseCmd { get; init; }

    /// <summary>The <c>PATH</c> Docker gives an image whose base sets none (both builders, on Linux).</summary>
    public const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The image's settings: this plan's changes applied onto the base image's, as Docker applies them.</summary>
    public ContainerSettings ApplyTo(ContainerSettings baseSettings)
    {
        ArgumentNullException.ThrowIfNull(baseSettings);
        var env = WithDefaultPath(baseSettings.Env);
        foreach (var pair in Settings.Env)
        {
            var index = env.FindIndex(existing => EnvKey(existing) == EnvKey(pair));
            if (index >= 0)
            {
                env[index] = pair;
            }
            else
            {
                env.Add(pair);
            }
        }

        var labels = new Dictionary<string, string>(baseSettings.Labels, StringComparer.Ordinal);
        foreach (var (key, value) in Settings.Labels)
        {
            labels[key] = value;
        }

        return new ContainerSettings
        {
            Env = env,
            Entrypoint = Settings.Entrypoint ?? baseSettings.Entrypoint,
            Cmd = Settings.Cmd ?? (ClearsBaseCmd ? null : baseSettings.Cmd),
            User = Settings.User ?? baseSettings.User,
            WorkingDir = Settings.WorkingDir ?? baseSettings.WorkingDir,
            ExposedPorts = [.. baseSettings.ExposedPorts.Union(Settings.ExposedPorts, StringComparer.Ordinal)],
            Labels = labels,
            StopSignal = Settings.StopSignal ?? baseSettings.StopSignal,
            Healthcheck = Settings.Healthcheck ?? baseSettings.Healthcheck,
        };
    }

    /// <summary>The base's environment as Docker starts a stage with it: <see cref="DefaultPath"/> added when it has no PATH.</summary>
    internal static List<string> WithDefaultPath(IEnumerable<string> baseEnv)
    {
        var env = baseEnv.ToList();
        if (!env.Any(pair => EnvKey(pair) == "PATH"))
        {
            env.Add(DefaultPath);
        }

        return env;
    }

    private static string EnvKey(string pair) => pair.Split('=', 2)[0];
}
