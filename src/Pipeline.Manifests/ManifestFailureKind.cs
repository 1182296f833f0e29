namespace Pipeline.Manifests;

/// <summary>The named ways rendering manifests fails; each maps to one fix.</summary>
public enum ManifestFailureKind
{
    /// <summary>Anything without a more specific name.</summary>
    Unexpected,

    /// <summary>A deployment setting is out of range or inconsistent (replicas, port, probe path, labels).</summary>
    InvalidSetting,

    /// <summary>Pinning by digest was asked for but no pushed digest is known.</summary>
    DigestRequired,

    /// <summary>The user's manifest file does not exist.</summary>
    ManifestNotFound,

    /// <summary>The user's manifest is not valid YAML or has fields the Kubernetes models do not know.</summary>
    ManifestUnreadable,

    /// <summary>A document's apiVersion/kind is not one of <see cref="SupportedKinds"/> (a CronJob, a custom resource), which Deploy would not apply.</summary>
    UnknownKind,

    /// <summary>The user's manifest holds no apps/v1 Deployment to set the image on.</summary>
    NoDeployment,

    /// <summary>A Deployment has several containers and none is named like the artifact.</summary>
    AmbiguousContainer,

    /// <summary>A Deployment has no containers.</summary>
    NoContainer,

    /// <summary>Registry credentials cannot go into a pull Secret (anonymous, or only an identity token).</summary>
    UnusableCredentials,

    /// <summary>A team's manifest holds a Secret, which Pipeline would write to artifacts/ and attach to releases.</summary>
    SecretInManifest,

    /// <summary>A Secret is not a readable <c>kubernetes.io/dockerconfigjson</c> (or legacy dockercfg) Secret.</summary>
    InvalidPullSecret,

    /// <summary>A release across services names a service twice, or two services hold the same object (kind, namespace and name).</summary>
    ReleaseConflict,
}
