namespace Pipeline.Engine.Runtime;

/// <summary>
/// The one place that decides what child processes inherit: no variable of a secret parameter, and no variable
/// whose value holds a registered secret (a secret may arrive under any name, e.g. a CI's own variable).
/// </summary>
internal sealed class ChildEnvironmentGuard(IChildProcessEnvironment? inherited)
{
    public void RemoveVariable(string name)
    {
        if (inherited is not null && !string.IsNullOrEmpty(name))
        {
            inherited.Remove(name);
        }
    }

    public void RemoveValuesHolding(string secret)
    {
        if (inherited is null || string.IsNullOrWhiteSpace(secret))
        {
            return;
        }

        foreach (var (name, value) in inherited.Read())
        {
            if (value.Contains(secret, StringComparison.Ordinal) || value.Contains(secret.Trim(), StringComparison.Ordinal))
            {
                inherited.Remove(name);
            }
        }
    }
}
