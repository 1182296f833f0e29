using Pipeline.Version;

namespace Pipeline.Services;

/// <summary>What <see cref="ServiceChanges"/> decides on: the services' sources (with their fingerprints) and the release being made.</summary>
/// <param name="Sources">Each service's inputs, as <see cref="ServiceSources.ReadAsync"/> read them.</param>
/// <param name="Release">The release this run makes; an unchanged service's image goes under its tag.</param>
public sealed record ServiceChangesRequest(IReadOnlyList<ServiceSource> Sources, ReleaseVersion Release);
