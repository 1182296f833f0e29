namespace Pipeline.Registry.Tests;

public class ImageReferenceTests
{
    [Theory]
    [InlineData("nginx", "docker.io", "library/nginx", null)]
    [InlineData("nginx:1.25", "docker.io", "library/nginx", "1.25")]
    [InlineData("team/app:v1", "docker.io", "team/app", "v1")]
    [InlineData("docker.io/nginx", "docker.io", "library/nginx", null)]
    [InlineData("index.docker.io/team/app", "docker.io", "team/app", null)]
    [InlineData("localhost/app", "localhost", "app", null)]
    [InlineData("localhost:5000/team/app:1.0.0", "localhost:5000", "team/app", "1.0.0")]
    [InlineData("127.0.0.1:5000/app:v7.10.1", "127.0.0.1:5000", "app", "v7.10.1")]
    [InlineData("nexus.example.com:8082/orders/api:v7.10.1_abc", "nexus.example.com:8082", "orders/api", "v7.10.1_abc")]
    [InlineData("Registry.Example.com/app", "registry.example.com", "app", null)]
    [InlineData("[::1]:5000/app:x", "[::1]:5000", "app", "x")]
    [InlineData("r.io/a.b_c__d---e/f:_tag", "r.io", "a.b_c__d---e/f", "_tag")]
    public void Parse_ValidReference_NormalisesLikeDocker(string input, string registry, string repository, string? tag)
    {
        var reference = ImageReference.Parse(input);

        reference.Registry.ToString().Should().Be(registry);
        reference.Repository.Should().Be(repository);
        reference.Tag.Should().Be(tag);
        ImageReference.Parse(reference.ToString()).Should().Be(reference, "the canonical form parses back to the same value");
    }

    [Theory]
    [InlineData("", "cannot be empty")]
    [InlineData("Team/App", "must be lowercase")]
    [InlineData("registry.io/Team/app", "must be lowercase: use 'team/app'")]
    [InlineData("registry.io/app:-bad", "tag '-bad'")]
    [InlineData("registry.io/app:bad/tag", "invalid")]
    [InlineData("registry.io/app_/x", "invalid")]
    [InlineData("registry.io/-app", "invalid")]
    [InlineData("registry.io:99999/app", "invalid port")]
    [InlineData("registry.io/app@sha256:123", "64 lower-case hex")]
    [InlineData("registry.io/app@md5", "no algorithm")]
    [InlineData("registry.io//app", "invalid")]
    public void TryParse_InvalidReference_ExplainsTheProblem(string input, string expected)
    {
        ImageReference.TryParse(input, out _).Should().BeFalse();
        var parse = () => ImageReference.Parse(input);
        parse.Should().Throw<FormatException>().WithMessage($"*{expected}*");
    }

    [Fact]
    public void Parse_TagOf128Characters_IsAcceptedAnd129Rejected()
    {
        var longest = new string('a', 128);
        ImageReference.Parse($"r.io/app:{longest}").Tag.Should().Be(longest);

        var parse = () => ImageReference.Parse($"r.io/app:{longest}a");
        parse.Should().Throw<FormatException>().WithMessage("*129 characters long: a tag holds at most 128*");
    }

    [Fact]
    public void Parse_DigestReference_KeepsTagAndDigest()
    {
        var digest = "sha256:" + new string('a', 64);

        var reference = ImageReference.Parse($"localhost:5000/app:v1@{digest}");

        reference.Digest.Should().Be(Digest.Parse(digest));
        reference.Tag.Should().Be("v1");
        reference.ManifestReference.Should().Be(digest);
        reference.ToString().Should().Be($"localhost:5000/app:v1@{digest}");
    }

    [Fact]
    public void Create_BuildsFromParts_AndRejectsUpperCase()
    {
        var host = RegistryHost.Parse("nexus.example.com:8082");

        ImageReference.Create(host, "orders/api", "v1").ToString().Should().Be("nexus.example.com:8082/orders/api:v1");
        var invalid = () => ImageReference.Create(host, "Orders", "v1");
        invalid.Should().Throw<FormatException>().WithMessage("*must be lowercase: use 'orders'*");
    }

    [Fact]
    public void WithTag_AndWithDigest_ReplaceTheRightParts()
    {
        var digest = Digest.ComputeSha256([1, 2, 3]);
        var reference = ImageReference.Parse("localhost:5000/app:v1").WithDigest(digest);

        reference.WithTag("v2").Should().Be(ImageReference.Parse("localhost:5000/app:v2"));
        reference.ManifestReference.Should().Be(digest.ToString());
        var invalid = () => reference.WithTag("not valid");
        invalid.Should().Throw<FormatException>();
    }

    [Fact]
    public void ToFamiliarString_DropsDockerHubDefaults()
    {
        ImageReference.Parse("nginx:1").ToString().Should().Be("docker.io/library/nginx:1");
        ImageReference.Parse("nginx:1").ToFamiliarString().Should().Be("nginx:1");
        ImageReference.Parse("team/app").ToFamiliarString().Should().Be("team/app");
        ImageReference.Parse("localhost:5000/app").ToFamiliarString().Should().Be("localhost:5000/app");
    }

    [Fact]
    public void ManifestReference_WithoutTagOrDigest_IsLatest()
    {
        ImageReference.Parse("localhost:5000/app").ManifestReference.Should().Be("latest");
    }
}
