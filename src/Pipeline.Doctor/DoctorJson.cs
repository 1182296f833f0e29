using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pipeline.Doctor;

/// <summary>
/// The machine-readable report: one JSON array of <c>{check, status, detail, fix}</c> with status
/// <c>ok|warning|failed|skipped</c> and <c>fix</c> null when there is nothing to do. Written on one line, so a
/// script finds it among the build's other output (<c>grep '^\['</c>).
/// </summary>
public static class DoctorJson
{
    /// <summary>Serialises <paramref name="report"/>.</summary>
    public static string Serialize(DoctorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps '+' and quotes readable; the line goes to a console or a file, never into HTML.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var result in report.Results)
            {
                writer.WriteStartObject();
                writer.WriteString("check", result.Check);
                writer.WriteString("status", StatusName(result.Status));
                writer.WriteString("detail", result.Detail);
                if (result.Fix is null)
                {
                    writer.WriteNull("fix");
                }
                else
                {
                    writer.WriteString("fix", result.Fix);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The status as the JSON writes it: <c>ok</c>, <c>warning</c>, <c>failed</c>, <c>skipped</c>.</summary>
    public static string StatusName(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "ok",
        CheckStatus.Warning => "warning",
        CheckStatus.Failed => "failed",
        _ => "skipped",
    };
}
