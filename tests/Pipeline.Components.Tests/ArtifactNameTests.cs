using Pipeline.Engine;

namespace Pipeline.Components.Tests;

public sealed class ArtifactNameTests
{
    [Theory]
    [InlineData("Orders.Api.csproj", "orders-api")]
    [InlineData("My_Service.csproj", "my-service")]
    public void FromProject_LowerCasesAndJoinsWithDashes(string project, string expected) =>
        ArtifactName.FromProject(AbsolutePath.Create("/src") / project).Value.Should().Be(expected);

    [Theory]
    [InlineData("team/orders")]
    [InlineData("orders_api")]
    [InlineData("Orders")]
    [InlineData("../escape")]
    [InlineData("/abs")]
    [InlineData("orders\n")]
    public void Parse_ANameNotValidAsRepositoryAppAndFolder_IsRefusedWithASuggestion(string text)
    {
        var act = () => ArtifactName.Parse(text);

        act.Should().Throw<FormatException>().WithMessage("*is not a valid Kubernetes name*no '/', '_', '.' or upper case");
    }
}
