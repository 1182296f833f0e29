using System.Text;
using System.Text.Json;

namespace Pipeline.RegistryHosting;

/// <summary>
/// The <c>daemon.json</c> keys that point Docker Engine at a Docker Hub mirror: <c>registry-mirrors</c>, plus
/// <c>insecure-registries</c> when the mirror speaks plain HTTP or its certificate is not verified. Docker mirrors
/// Docker Hub only, so this fragment exists only for a Docker Hub upstream.
/// </summary>
internal static class DockerDaemonMirrorJson
{
    public const string DaemonJsonPath = "/etc/docker/daemon.json";
    public const string CertsDirectory = "/etc/docker/certs.d";

    public static string Render(RegistryMirrorSettings settings)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            // Keys in ordinal order, so the fragment reads the same however it is merged.
            if (settings.MirrorIsPlainHttp || settings.SkipTlsVerify)
            {
                json.WriteStartArray("insecure-registries");
                json.WriteStringValue(settings.MirrorEndpoint.Authority);
                json.WriteEndArray();
            }

            json.WriteStartArray("registry-mirrors");
            json.WriteStringValue(ContainerdHostsToml.Root(settings.MirrorEndpoint));
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
