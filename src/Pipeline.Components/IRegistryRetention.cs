using Microsoft.Extensions.Logging;
using Pipeline.Engine;
using Pipeline.Registry.Retention;

namespace Pipeline.Components;

/// <summary>RegistryRetention: deletes all but the newest <see cref="Keep"/> <c>v*</c> tags of the artifact, by version order.</summary>
public interface IRegistryRetention : IHazRegistry, IHazApplication
{
    /// <summary>How many release tags to keep.</summary>
    [Parameter("How many of the newest v* release tags RegistryRetention keeps", Minimum = 1)]
    int Keep => Parameter(10);

    /// <summary>Applies the retention to the artifact's repository.</summary>
    Target RegistryRetention => _ => _
        .Description("Delete all but the newest --keep v* tags of the artifact (by version order)")
        .Executes(async cancellationToken =>
        {
            using var registry = await ConnectRegistryAsync(cancellationToken);
            var result = await new ReleaseTagRetention(registry, Log).ApplyAsync(Artifact.Value, Keep, cancellationToken);
            Log.LogInformation("Kept {Kept}", string.Join(", ", result.Kept));
            if (result.Spared.Count > 0)
            {
                Log.LogInformation("Spared {Spared}: a kept tag shares their manifest", string.Join(", ", result.Spared));
            }

            Summary.Add("Retention", $"{Artifact}: kept {result.Kept.Count}, deleted {result.Deleted.Count}" + (result.Deleted.Count > 0 ? $" ({string.Join(", ", result.Deleted)})" : string.Empty));
        });
}
