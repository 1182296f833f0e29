using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Engine;
using Pipeline.Manifests;
using Pipeline.Registry;

namespace Pipeline.Services.Recording;

/// <summary>
/// The records of shipped services, one <c>&lt;service&gt;.json</c> each in a folder (<c>artifacts/services/</c>):
/// written by the run that ships a service, read by the run that renders and deploys them, possibly on another machine.
/// </summary>
public sealed class ServiceRecordFolder
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>A folder of records; it need not exist until the first record is written.</summary>
    public ServiceRecordFolder(AbsolutePath folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Folder = folder;
    }

    /// <summary>Where the records are.</summary>
    public AbsolutePath Folder { get; }

    /// <summary>The file of <paramref name="service"/>'s record.</summary>
    public AbsolutePath FileOf(DnsLabel service) => Folder / $"{service}.json";

    /// <summary>The services among <paramref name="services"/> that have no record here, in their order.</summary>
    public IReadOnlyList<DnsLabel> Missing(IEnumerable<DnsLabel> services) => [.. services.Where(service => !File.Exists(FileOf(service)))];

    /// <summary>Writes (or replaces) the record of its service, whole: a reader never sees half a file.</summary>
    public async Task WriteAsync(ServiceRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        Directory.CreateDirectory(Folder);
        var file = FileOf(record.Service);
        var partial = $"{file.Value}.{Guid.NewGuid():N}.partial";
        try
        {
            await File.WriteAllTextAsync(partial, JsonSerializer.Serialize(
                new RecordFile(record.Service.Value, record.Image.ToString(), record.Action, record.Decision), Json) + "\n", cancellationToken);
            File.Move(partial, file, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Reads <paramref name="service"/>'s record; a <see cref="ServicesException"/> names the file when there is none
    /// (<see cref="ServicesFailureKind.MissingRecord"/>) or it is not a record of that service's shipped image
    /// (<see cref="ServicesFailureKind.InvalidRecord"/>).
    /// </summary>
    public async Task<ServiceRecord> ReadAsync(DnsLabel service, CancellationToken cancellationToken)
    {
        var file = FileOf(service);
        if (!File.Exists(file))
        {
            throw new ServicesException(ServicesFailureKind.MissingRecord, $"{service} has no record of its shipped image: {file} does not exist");
        }

        RecordFile? read;
        try
        {
            read = JsonSerializer.Deserialize<RecordFile>(await File.ReadAllTextAsync(file, cancellationToken), Json);
        }
        catch (JsonException exception)
        {
            throw Invalid(file, $"not a service record ({exception.Message})");
        }

        if (read is not { Service: { } name, Image: { } image, Decision: { } decision })
        {
            throw Invalid(file, "it lacks service, image or decision");
        }

        if (name != service.Value)
        {
            throw Invalid(file, $"it records {name}, not {service}");
        }

        if (!ImageReference.TryParse(image, out var reference))
        {
            throw Invalid(file, $"'{image}' is not an image reference");
        }

        try
        {
            return new ServiceRecord(service, reference, read.Action, decision);
        }
        catch (ArgumentException exception)
        {
            throw Invalid(file, exception.Message);
        }
    }

    private static ServicesException Invalid(AbsolutePath file, string why) =>
        new(ServicesFailureKind.InvalidRecord, $"{file} is not a usable service record: {why}; ship the service again to rewrite it");

    /// <summary>The file's shape: plain values, nothing but what is listed.</summary>
    private sealed record RecordFile(string? Service, string? Image, ServiceShipmentAction Action, string? Decision);
}
