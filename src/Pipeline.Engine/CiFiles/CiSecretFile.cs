namespace Pipeline.Engine.CiFiles;

/// <summary>
/// A secret file (a kubeconfig): <paramref name="Variable"/> holds its path. On GitHub the secret's text is written to a
/// file only this user can read, in the runner's temporary folder, and removed after the job whatever its result.
/// </summary>
/// <param name="Variable">The variable the build reads the path from.</param>
/// <param name="GitHubSecret">The GitHub secret holding the file's text.</param>
/// <param name="JenkinsCredentialId">The Jenkins "secret file" credential.</param>
public sealed record CiSecretFile(string Variable, string GitHubSecret, string JenkinsCredentialId) : CiSecret;
