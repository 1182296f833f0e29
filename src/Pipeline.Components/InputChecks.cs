using Pipeline.Image;
using Pipeline.Manifests;

namespace Pipeline.Components;

/// <summary>Turns a stage's validation failure into one that names the flag the value came from (stages know no flags).</summary>
internal static class InputChecks
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

    public static async Task CheckAsync(string flag, Func<Task> check)
    {
        try
        {
            await check();
        }
        catch (ImageBuildException exception)
        {
            throw new ImageBuildException(exception.Kind, $"{flag}: {exception.Message}", innerException: exception);
        }
    }
}
