namespace Pipeline.Packages.Tests.NuGetFeed;

/// <summary>One push request the feed double received: the resource, the API key header, the body's content type.</summary>
internal sealed record RecordedPush(string Resource, string ApiKey, string ContentType);
