namespace Pipeline.Engine;

/// <summary>
/// The environment every child process inherits (CliWrap's and <c>Process.Start</c>'s default): the engine removes
/// each secret from it as soon as the secret is known, so <c>dotnet publish</c>, credential helpers and daemons the
/// build starts never hold one. <see cref="ProcessChildEnvironment"/> is the real process's.
/// </summary>
public interface IChildProcessEnvironment
{
    /// <summary>The variables children would inherit now.</summary>
    IReadOnlyDictionary<string, string> Read();

    /// <summary>Removes <paramref name="name"/> from what children inherit.</summary>
    void Remove(string name);
}
