namespace Pipeline.Engine.CiFiles;

/// <summary>A secret string (a token) in <paramref name="Variable"/>.</summary>
/// <param name="Variable">The variable the build reads, e.g. <c>GITHUB_TOKEN</c>.</param>
/// <param name="GitHubSecret">The GitHub secret holding it (<c>GITHUB_TOKEN</c> is the one every workflow run gets).</param>
/// <param name="JenkinsCredentialId">The Jenkins "secret text" credential, or null when Jenkins has none (the stage then runs without it).</param>
public sealed record CiSecretText(string Variable, string GitHubSecret, string? JenkinsCredentialId) : CiSecret;
