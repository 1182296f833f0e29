using System.Text;
using Microsoft.Extensions.Logging;

namespace Pipeline.Engine.Tests.Builds;

/// <summary>Tries to leak a secret through every channel: logger, warnings, summary, exception, Basic auth header.</summary>
[DefaultTarget(nameof(Leak))]
internal sealed class SecretBuild : PipelineBuild
{
    [Parameter("Registry user")]
    public string RegistryUser { get; set; } = "deployer";

    [Parameter("Registry password"), Secret]
    public string? RegistryPassword { get; set; }

    private Target Leak => _ => _
        .Requires(() => RegistryPassword)
        .Executes(() =>
        {
            var pair = $"{RegistryUser}:{RegistryPassword}";
            AddSecret(pair);
            Log.LogInformation("password {Password}", RegistryPassword);
            Log.LogInformation("base64 {Encoded}", Convert.ToBase64String(Encoding.UTF8.GetBytes(RegistryPassword!)));
            Log.LogInformation("Authorization: Basic {Basic}", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
            Log.LogWarning("retrying with {Password}", RegistryPassword);
            Summary.Add("Password", RegistryPassword!);
            throw new InvalidOperationException($"login failed for {pair}");
        });
}
