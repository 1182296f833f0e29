using Microsoft.Extensions.Logging;
using Pipeline.Image;
using Pipeline.Manifests;

namespace Pipeline.Services;

/// <summary>
/// Where one service's layer pushes are shown while the others push beside it: a bar group of one live view on a
/// terminal, or lines in the service's own log block in CI. Called once per service that builds, as its work starts.
/// </summary>
/// <param name="service">The service, to name its bars.</param>
/// <param name="serviceLog">The service's own log, written as one block when it ends.</param>
public delegate IProgress<LayerProgress> ServiceLayerProgress(DnsLabel service, ILogger serviceLog);
