using Pipeline.Engine.Parameters;

namespace Pipeline.Engine.Tests;

public sealed class ParameterNamesTests
{
    [Theory]
    [InlineData("RegistryPassword", "registry-password", "REGISTRY_PASSWORD")]
    [InlineData("NoRollback", "no-rollback", "NO_ROLLBACK")]
    [InlineData("ImageID", "image-id", "IMAGE_ID")]
    [InlineData("HTTPProxy", "http-proxy", "HTTP_PROXY")]
    [InlineData("Net10Target", "net10-target", "NET10_TARGET")]
    [InlineData("Registry", "registry", "REGISTRY")]
    public void Names_DeriveFlagAndVariable(string property, string kebab, string snake)
    {
        ParameterNames.ToKebabCase(property).Should().Be(kebab);
        ParameterNames.ToUpperSnakeCase(property).Should().Be(snake);
    }

    [Fact]
    public void Normalize_TreatsKebabPascalAndSnakeAlike()
    {
        ParameterNames.Normalize("registry-password").Should()
            .Be(ParameterNames.Normalize("RegistryPassword")).And
            .Be(ParameterNames.Normalize("REGISTRY_PASSWORD"));
    }
}
