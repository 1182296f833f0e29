namespace Pipeline.Engine.Runtime;

/// <summary>A usage or configuration error found before any target runs; the build exits with code 2.</summary>
internal sealed class BuildConfigurationException(string message) : Exception(message);
