namespace Pipeline.Components.Packages;

/// <summary>Why a push to a NuGet feed failed.</summary>
public enum NuGetFeedFailureKind
{
    /// <summary>The feed could not be reached or answered with something other than a service index.</summary>
    Unreachable,

    /// <summary>The service index lists no <c>PackagePublish/2.0.0</c> resource: the feed is read-only.</summary>
    NoPublishResource,

    /// <summary>The index sends pushes to another origin over plain HTTP, where the API key would travel in clear.</summary>
    InsecurePublishUrl,

    /// <summary>401 or 403: the API key is missing, wrong, expired or lacks push rights for the package.</summary>
    Unauthorized,

    /// <summary>409: the feed already holds this package id and version.</summary>
    AlreadyExists,

    /// <summary>Any other refusal (400 invalid package, 413 too large, 5xx).</summary>
    Rejected,
}
