using Pipeline.Engine.CiFiles;

namespace Pipeline.CiFiles.Tests;

public sealed class CiDescriptionRulesTests
{
    [Theory]
    [InlineData("Publish; rm -rf /", "the target of stage 'Ship' 'Publish; rm -rf /'")]
    [InlineData("Publish'", "the target of stage 'Ship' 'Publish''")]
    public void Generate_TargetThatIsNotAName_FailsNamingItBeforeWritingAnything(string target, string named)
    {
        var description = new CiDescription { Stages = [new CiStage("Ship", target)] };

        var generate = () => CiFileGenerator.Generate(description);

        generate.Should().Throw<ArgumentException>().WithMessage($"{named} cannot be written into the CI files: use a target name*");
    }

    [Fact]
    public void Generate_SecretVariableInLowerCase_FailsNamingTheStageAndTheForm()
    {
        var description = new CiDescription
        {
            Stages = [new CiStage("Ship", "Publish") { Secrets = [new CiSecretText("github_token", "GITHUB_TOKEN", null)] }],
        };

        var generate = () => CiFileGenerator.Generate(description);

        generate.Should().Throw<ArgumentException>().WithMessage("*stage 'Ship' 'github_token'*UPPER_SNAKE_CASE*");
    }

    [Fact]
    public void Generate_TagPatternThatIsNotAPrefixGlob_FailsWithTheExpectedForm()
    {
        var description = new CiDescription { ReleaseTagPattern = "v[0-9]*", Stages = [new CiStage("Test", "Test")] };

        var generate = () => CiFileGenerator.Generate(description);

        generate.Should().Throw<ArgumentException>().WithMessage("the release tag pattern 'v[0-9]*' *a prefix followed by '*', e.g. v*.");
    }

    [Fact]
    public void Generate_TwoStagesWithOneName_Fails()
    {
        var description = new CiDescription { Stages = [new CiStage("Test", "Test"), new CiStage("test", "Pack")] };

        var generate = () => CiFileGenerator.Generate(description);

        generate.Should().Throw<ArgumentException>().WithMessage("two CI stages are named 'Test'*");
    }
}
