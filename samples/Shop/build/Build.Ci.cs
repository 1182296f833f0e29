using Pipeline.Components;

namespace ShopBuild;

/// <summary>
/// What CI runs, from the services found: on a release tag one job per service (ServiceImages of that service,
/// its record handed on), then one job that renders and deploys them all from the records. ./build.sh
/// GenerateCiFiles writes .github/workflows/ci.yml and Jenkinsfile; --check fails when a service was added since.
/// </summary>
internal sealed partial class Build : IFanOutServices;
