using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Logging;
using Pipeline.Components.Progress;
using Pipeline.Engine;
using Pipeline.Image;
using Pipeline.Image.Direct;
using Pipeline.Services;
using Pipeline.Services.Recording;

namespace Pipeline.Components;

/// <summary>
/// ServiceImages: the image half of a many-services run. Every service of the repository (or those <see cref="IHazServices.Services"/>
/// names) is decided against the registry before anything compiles; the changed ones are published, built and pushed
/// side by side (<see cref="Parallelism"/>), the unchanged ones retagged under <c>v&lt;release&gt;</c> with no upload.
/// Each shipped service's record (<see cref="ServiceRecord"/>) goes to <see cref="IHazServices.ShippedServices"/>.
/// The registry, credentials, release and image parameters are the one-service build's own (<see cref="IHazImageBuild"/>),
/// so a services build names no <c>ApplicationProject</c>.
/// </summary>
public interface IShipServices : IHazServices, IHazImageBuild, IHazRegistry, IHazRelease, IHazContainerEngine
{
    /// <summary>How many services are published, built and pushed side by side.</summary>
    [Parameter("How many services are published, built and pushed side by side (default: the processor count)")]
    int Parallelism => Parameter(System.Environment.ProcessorCount);

    /// <summary>Ships every selected service's image; one summary row per service.</summary>
    Target ServiceImages => _ => _
        .Description("Publish, build and push each changed service's image; retag the unchanged ones under v<release> (no upload)")
        .Validates(() =>
        {
            if (Parallelism < 1)
            {
                throw new ServicesException($"{DeclaredParameter.Flag<IShipServices>(build => build.Parallelism)} {Parallelism}: give at least 1");
            }

            var selected = SelectedServices();
            Log.LogInformation("Services: {Services} (each decided against {Registry} before compiling: built and pushed when changed, retagged when not)",
                string.Join(", ", selected.Services), Registry);
        })
        .Executes(async cancellationToken =>
        {
            var release = await ResolveReleaseAsync(cancellationToken);
            using var registry = await ConnectRegistryAsync(cancellationToken);
            var credentials = await ResolveRegistryCredentialsAsync(cancellationToken);
            var values = new BuildValues
            {
                SdkVersion = await SdkVersionAsync(cancellationToken),
                Configuration = Configuration,
                RuntimeIdentifier = RuntimeIdentifier,
                BaseImage = BaseImage?.ToString(),
                BuildArguments = BuildArgument.ToDictionary(BuildArgs),
            };
            var request = new ServiceShipmentRequest
            {
                Sources = await ServiceSources.ReadAsync(SelectedServices(), values, cancellationToken),
                Release = release,
                PublishRoot = ArtifactsDirectory / "publish",
                Values = values,
                BaseImage = BaseImage,
                BaseImageCredentials = BaseImage is { Reference: { } reference } && reference.Registry == Registry ? credentials : null,
                Builder = Builder,
                OverwriteTag = OverwriteTag,
                Parallelism = Parallelism,
                Revision = await ResolveRevisionAsync(cancellationToken),
                Created = await ResolveCreatedAsync(cancellationToken),
            };
            // One live view for every service's pushes (a bar group each); in CI each service's layer lines stay in its log block.
            var result = await PushProgressView.RunForServicesAsync(this, (layerProgress, shipmentLog) => new ServiceShipment(
                registry,
                (arguments, log, token) => Cli.Wrap("dotnet").WithArguments(arguments).WithWorkingDirectory(RootDirectory).ExecuteLoggedAsync(log, token),
                async (choice, progress, log, token) => choice.NeedsEngine
                    ? new EngineImageBuilder(await ConnectEngineAsync(token), State<LocalImageLedger>(), log, CliInputNames.Value)
                    : new DirectImageBuilder(registry, new DirectLocalBase(DirectLocalBase.DefaultCacheFolder, CliInputNames.Value), log, inputs: CliInputNames.Value, progress: progress),
                StageEnvironment.Of(this),
                shipmentLog,
                CliInputNames.Value,
                async (image, progress, log, token) => await new ImagePublisher(new ImagePusher(await ConnectEngineAsync(token), log, CliInputNames.Value), registry, log)
                    .PushAndVerifyAsync(image, credentials, progress, token),
                layerProgress).ShipAsync(request, cancellationToken));

            var records = new ServiceRecordFolder(ShippedServices);
            foreach (var service in result.Services)
            {
                Summary.Add($"Service {service.Name}", service.ToString());
                if (service.Action != ServiceShipmentAction.Failed)
                {
                    await records.WriteAsync(ServiceRecord.Of(service), cancellationToken);
                }
            }

            return result.Failed.Count == 0
                ? result
                : throw new ServicesException(ServicesFailureKind.ShipmentFailed, $"{result.Failed.Count} of {result.Services.Count} services failed: "
                    + string.Join("; ", result.Failed.Select(service => $"{service.Name}: {service.Error}")));
        });

    /// <summary>The SDK that publishes (<c>dotnet --version</c> in the repository, as global.json chooses it): part of every service's inputs.</summary>
    private async Task<string> SdkVersionAsync(CancellationToken cancellationToken) =>
        (await Cli.Wrap("dotnet").WithArguments("--version").WithWorkingDirectory(RootDirectory).ExecuteBufferedAsync(Encoding.UTF8, cancellationToken)).StandardOutput.Trim();
}
