namespace Pipeline.Testing.Registries;

/// <summary>How a <see cref="HostileRegistry"/> that stores blobs treats one blob PUT.</summary>
public enum UploadFault
{
    /// <summary>Reads the blob, checks its digest and stores it (201).</summary>
    None,

    /// <summary>Drops the connection before reading the body.</summary>
    DropConnection,

    /// <summary>Answers 503 without reading the body.</summary>
    ServiceUnavailable,

    /// <summary>Answers 403 DENIED without reading the body.</summary>
    Denied,

    /// <summary>Never reads the body nor answers, until the client gives up.</summary>
    StopReading,
}
