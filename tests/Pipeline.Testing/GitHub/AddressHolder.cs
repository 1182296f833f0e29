// A TEST DOUBLE of the GitHub REST API (a loopback Kestrel server), not GitHub: see GitHubApiDouble.cs.
namespace Pipeline.Testing.GitHub;

/// <summary>The double's own address, set once Kestrel has picked a port and read when answering.</summary>
internal sealed class AddressHolder
{
    public Uri Address { get; set; } = new("http://127.0.0.1/");
}
