namespace Pipeline.Engine.CiFiles;

/// <summary>A user name and password pair: GitHub secrets named after the variables, one Jenkins username/password credential.</summary>
/// <param name="UsernameVariable">The variable the build reads the user from, e.g. <c>REGISTRY_USERNAME</c>.</param>
/// <param name="PasswordVariable">The variable the build reads the password from, e.g. <c>REGISTRY_PASSWORD</c>.</param>
/// <param name="JenkinsCredentialId">The Jenkins "username with password" credential, e.g. <c>registry</c>.</param>
public sealed record CiUsernamePassword(string UsernameVariable, string PasswordVariable, string JenkinsCredentialId) : CiSecret;
