namespace Pipeline.Engine.CiFiles;

/// <summary>
/// A secret a stage needs, as each CI server stores it (GitHub repository secrets, Jenkins credentials) and the
/// environment variable the build reads it from. Secrets reach the build only through its environment.
/// </summary>
public abstract record CiSecret;
