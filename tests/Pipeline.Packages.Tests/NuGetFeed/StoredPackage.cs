namespace Pipeline.Packages.Tests.NuGetFeed;

/// <summary>A package the feed double accepted, read from the .nuspec inside the uploaded zip.</summary>
internal sealed record StoredPackage(string Id, string Version, string Resource, long Length);
