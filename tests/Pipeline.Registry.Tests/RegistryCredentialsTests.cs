using System.Text;

namespace Pipeline.Registry.Tests;

public class RegistryCredentialsTests
{
    [Fact]
    public void ToString_NeverShowsThePasswordOrItsBase64()
    {
        var credentials = new RegistryCredentials("ci-bot", "Hunter2!secret", CredentialSource.Explicit("REGISTRY_PASSWORD"));

        var text = credentials.ToString();

        text.Should().Contain("ci-bot").And.Contain("REGISTRY_PASSWORD");
        foreach (var secret in credentials.Secrets)
        {
            text.Should().NotContain(secret);
        }
    }

    [Fact]
    public void Secrets_ListsPasswordUserPasswordPairItsBasicFormAndToken()
    {
        var credentials = new RegistryCredentials("u", "p4ss", CredentialSource.Explicit(), identityToken: "tok");

        credentials.Secrets.Should().BeEquivalentTo(["p4ss", "u:p4ss", Convert.ToBase64String(Encoding.UTF8.GetBytes("u:p4ss")), "tok"]);
    }

    [Fact]
    public void Anonymous_HasNoSecrets()
    {
        RegistryCredentials.Anonymous.IsAnonymous.Should().BeTrue();
        RegistryCredentials.Anonymous.Secrets.Should().BeEmpty();
        RegistryCredentials.Anonymous.ToString().Should().Be("anonymous");
    }

    [Fact]
    public void Constructor_WithoutPasswordOrToken_IsRejected()
    {
        var create = () => new RegistryCredentials("u", "", CredentialSource.Explicit());

        create.Should().Throw<ArgumentException>().WithMessage("*need a password or an identity token*");
    }
}
