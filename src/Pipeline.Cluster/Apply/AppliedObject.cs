namespace Pipeline.Cluster;

/// <summary>One object after a server-side apply.</summary>
/// <param name="Kind">The object's kind, e.g. <c>Deployment</c>.</param>
/// <param name="Namespace">Its namespace, or null for cluster-scoped kinds (Namespace).</param>
/// <param name="Name">Its name.</param>
/// <param name="Change">Created, changed or unchanged.</param>
/// <param name="ResourceVersion">The server's resourceVersion after the apply.</param>
public sealed record AppliedObject(string Kind, string? Namespace, string Name, ApplyChange Change, string ResourceVersion)
{
    /// <summary>kubectl's name for the object with its namespace: <c>secret/regcred (shop)</c>.</summary>
    public string Reference => $"{Kind.ToLowerInvariant()}/{Name}{(Namespace is null ? string.Empty : $" ({Namespace})")}";

    /// <summary>The command that deletes the object by hand: <c>kubectl delete secret/regcred -n shop</c>.</summary>
    public string DeleteCommand => $"kubectl delete {Kind.ToLowerInvariant()}/{Name}{(Namespace is null ? string.Empty : $" -n {Namespace}")}";

    /// <summary>kubectl's wording: <c>deployment/orders (team) configured</c>.</summary>
    public override string ToString()
    {
        var verb = Change switch
        {
            ApplyChange.Created => "created",
            ApplyChange.Changed => "configured",
            _ => "unchanged",
        };
        return $"{Reference} {verb}";
    }
}
