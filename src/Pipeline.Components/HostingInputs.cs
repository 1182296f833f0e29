using Pipeline.Manifests;

namespace Pipeline.Components;

/// <summary>Turns a renderer's validation failure into one that names the flag the value came from.</summary>
internal static class HostingInputs
{
    public static T Check<T>(string flag, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ManifestException exception)
        {
            throw new ManifestException(exception.Kind, $"{flag}: {exception.Message}", exception);
        }
    }
}
