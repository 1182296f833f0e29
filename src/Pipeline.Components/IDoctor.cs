using Microsoft.Extensions.Logging;
using Pipeline.Cluster;
using Pipeline.Doctor;
using Pipeline.Engine;
using Pipeline.Image;
using Pipeline.Registry;
using Pipeline.Registry.Http;

namespace Pipeline.Components;

/// <summary>
/// Doctor: checks the Docker engine, the registry and the cluster's pull Secret the way Publish will meet them,
/// prints one row per check with what was found and what to do, and fails when a check failed. Changes nothing in
/// the cluster or the registry: push access is read from the token grant, or probed with an upload cancelled at once.
/// </summary>
public interface IDoctor : IDeploy, IHazContainerEngine
{
    /// <summary>Print the report as one JSON line instead of the table.</summary>
    [Parameter("Doctor: print the report as one JSON line [{check, status, detail, fix}] instead of the table", EnvironmentVariable = "PIPELINE_DOCTOR_JSON")]
    bool Json => Parameter(false);

    /// <summary>Runs every check.</summary>
    Target Doctor => _ => _
        .Description("Check the engine, the registry (TLS, auth, credentials, push access) and the cluster's pull Secret; name each problem and its fix")
        // A half-given pull pair is a typo to fix before looking at anything.
        .Validates(() => PullCredentials())
        .Executes(async cancellationToken =>
        {
            var report = await DiagnoseAsync(cancellationToken);
            if (Json)
            {
                Log.LogInformation("{Report}", DoctorJson.Serialize(report));
            }
            else
            {
                foreach (var line in DoctorTable.Format(report))
                {
                    Log.LogInformation("{Line}", line);
                }
            }

            if (report.HasFailures)
            {
                throw new DoctorException(report);
            }

            var warnings = report.Results.Count(result => result.Status == CheckStatus.Warning);
            Summary.Add("Doctor", $"{report.Results.Count(result => result.Status == CheckStatus.Ok)} ok, {warnings} warnings, 0 failed");
        });

    /// <summary>Runs the engine, registry and cluster checks with this build's parameters.</summary>
    async Task<DoctorReport> DiagnoseAsync(CancellationToken cancellationToken)
    {
        var builder = await ImageBuilderChoiceAsync(cancellationToken);
        var engine = builder is { NeedsEngine: false }
            ? EngineChecks.NotNeeded($"not needed: the {builder}")
            : await EngineChecks.RunAsync(ConnectEngineAsync, cancellationToken);
        var options = RegistryClientOptions;
        var registryResults = await DiagnoseRegistryAsync(options, engine, builder is not { NeedsEngine: false }, cancellationToken);
        var pullSecretApplied = await DeployAppliesPullSecretAsync(cancellationToken);
        var cluster = await ClusterChecks.RunAsync(
            ResolveClusterAsync,
            new ClusterCheckRequest(Namespace.Value, PullSecret.Value, ImageReference.Create(Registry, Artifact.Value, "latest"))
            {
                ClientOptions = options,
                DeployAppliesPullSecret = pullSecretApplied,
                Inputs = CliInputNames.Value,
            },
            cancellationToken);
        return new DoctorReport([.. engine.Results, .. registryResults, .. cluster]);
    }

    /// <summary>The builder Image uses, when this build builds images and its Dockerfile can be read; null otherwise (the engine is checked then).</summary>
    private async Task<ImageBuilderChoice?> ImageBuilderChoiceAsync(CancellationToken cancellationToken)
    {
        try
        {
            return this is IImage image ? await image.ChooseImageBuilderAsync(cancellationToken) : null;
        }
        catch (ImageBuildException)
        {
            return null;   // a Dockerfile problem is Image's to report; the engine may still be wanted
        }
    }

    /// <summary>True when Deploy would apply a pull Secret: Render's rules chose credentials (the registry rows report why not).</summary>
    private async Task<bool> DeployAppliesPullSecretAsync(CancellationToken cancellationToken)
    {
        try
        {
            return !(await ResolvePullCredentialsAsync(cancellationToken)).IsAnonymous;
        }
        catch (Exception exception) when (exception is RegistryException or ArgumentException)
        {
            return false;
        }
    }

    private async Task<IReadOnlyList<CheckResult>> DiagnoseRegistryAsync(RegistryClientOptions options, EngineDiagnosis engine, bool pushedByEngine, CancellationToken cancellationToken)
    {
        RegistryCredentials credentials;
        try
        {
            // The embedded default registry is started the way Publish starts it; any other is only looked at.
            await EnsureLocalRegistryAsync(cancellationToken);
            credentials = await ResolveRegistryCredentialsAsync(cancellationToken);
        }
        catch (RegistryException exception)
        {
            return [CheckResult.Failed(RegistryChecks.Auth, exception.Problem, RegistryFixes.For(exception.Kind, Registry, CliInputNames.Value, Artifact.Value))];
        }
        catch (ArgumentException exception)
        {
            return [CheckResult.Failed(RegistryChecks.Auth, exception.Message, "set REGISTRY_PASSWORD in the environment, or drop --registry-username to use the docker config")];
        }

        var request = new RegistryCheckRequest(Registry, credentials, Artifact.Value)
        {
            ClientOptions = options,
            Engine = engine.Info,
            PushedByEngine = pushedByEngine,
            Inputs = CliInputNames.Value,
        };
        return await RegistryChecks.RunAsync(request, cancellationToken);
    }
}
