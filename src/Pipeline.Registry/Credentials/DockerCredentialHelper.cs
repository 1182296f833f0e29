using System.Text;
using System.Text.Json;
using CliWrap;

namespace Pipeline.Registry.Credentials;

/// <summary>
/// Runs <c>docker-credential-NAME get</c> (docker-credential-helpers protocol): the server URL goes in on
/// standard input, <c>{"ServerURL","Username","Secret"}</c> comes out. Nothing secret is ever on the command line.
/// </summary>
internal sealed class DockerCredentialHelper
{
    private const string TokenUsername = "<token>";

    private static readonly string[] HelperVariableNames = ["PATH", "HOME"];

    private readonly ProcessEnvironment _environment;

    public DockerCredentialHelper(ProcessEnvironment environment) => _environment = environment;

    /// <summary>The credentials the helper holds for <paramref name="registry"/>, or null when it holds none.</summary>
    public async Task<RegistryCredentials?> GetAsync(string helper, RegistryHost registry, CredentialSource source, CancellationToken cancellationToken)
    {
        var programName = $"docker-credential-{helper}";
        var program = FindOnPath(programName)
            ?? throw new RegistryException(
                RegistryFailureKind.CredentialHelperFailed,
                registry,
                $"the docker config names the credential helper '{helper}' for {registry}, but {programName} is not on PATH: install it, or remove it from config.json (credHelpers / credsStore)");

        var output = new StringBuilder();
        var errors = new StringBuilder();
        var result = await Cli.Wrap(program)
            .WithArguments(["get"])
            // Only where to find programs and the helper's store: the build's environment holds its secrets, and the
            // rest the helper inherits from the process, from which the engine has removed them.
            .WithEnvironmentVariables(variables => variables.Set(HelperVariables()))
            .WithStandardInputPipe(PipeSource.FromString(DockerConfigKeys.ServerUrl(registry)))
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cancellationToken);

        var stdout = output.ToString();
        if (result.ExitCode != 0)
        {
            if (stdout.Contains("credentials not found", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var reason = FirstLine(errors.ToString()) ?? FirstLine(stdout) ?? "no output";
            throw new RegistryException(
                RegistryFailureKind.CredentialHelperFailed,
                registry,
                $"{programName} get failed for {registry} (exit code {result.ExitCode}: {reason}): check that the helper works, e.g. run it by hand");
        }

        return Parse(stdout, registry, source, programName);
    }

    private static RegistryCredentials? Parse(string json, RegistryHost registry, CredentialSource source, string programName)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var username = root.TryGetProperty("Username", out var user) ? user.GetString() : null;
            var secret = root.TryGetProperty("Secret", out var secretElement) ? secretElement.GetString() : null;
            if (string.IsNullOrEmpty(secret))
            {
                return null;
            }

            // Helpers store identity tokens under the user name "<token>".
            return username == TokenUsername || string.IsNullOrEmpty(username)
                ? new RegistryCredentials(TokenUsername, password: null, source, identityToken: secret)
                : new RegistryCredentials(username, secret, source);
        }
        catch (JsonException)
        {
            // Do not echo the output: it may hold the secret.
            throw new RegistryException(
                RegistryFailureKind.CredentialHelperFailed,
                registry,
                $"{programName} get answered something that is not the credential helper JSON for {registry}: check the helper's version");
        }
    }

    private Dictionary<string, string?> HelperVariables() =>
        HelperVariableNames
            .Where(name => _environment[name] is not null)
            .ToDictionary(name => name, name => _environment[name], StringComparer.Ordinal);

    private string? FindOnPath(string programName)
    {
        var path = _environment["PATH"] ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, programName);
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
