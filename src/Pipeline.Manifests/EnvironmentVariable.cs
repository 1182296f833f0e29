namespace Pipeline.Manifests;

/// <summary>
/// One plain environment variable of the service container. Values land in the rendered YAML, so secrets do not
/// belong here: reference a Secret through <see cref="DeploymentSettings.ConfigureDeployment"/> instead.
/// </summary>
public sealed record EnvironmentVariable
{
    /// <summary>Creates a variable; the name must be non-empty and free of '='.</summary>
    public EnvironmentVariable(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Any(char.IsControl))
        {
            throw new ManifestException(
                ManifestFailureKind.InvalidSetting,
                $"environment variable name '{name}' is invalid: use a non-empty name without '=' or control characters, e.g. 'ASPNETCORE_URLS'");
        }

        Name = name;
        Value = value;
    }

    /// <summary>The variable name.</summary>
    public string Name { get; }

    /// <summary>The value.</summary>
    public string Value { get; }
}
