using Pipeline.Registry;
using Pipeline.Registry.Http;

namespace Pipeline.Image.Direct;

/// <summary>
/// Connects the direct builder to a base image's registry other than the push registry, with that registry's own
/// login; the builder disposes the client once the base is read.
/// </summary>
/// <param name="registry">The base image's registry.</param>
/// <param name="credentials">Its login (<see cref="ImageBuildRequest.BaseImageCredentials"/>), or anonymous.</param>
public delegate RegistryClient BaseRegistryConnector(RegistryHost registry, RegistryCredentials credentials);
