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

    [Theory]
    [InlineData("artifacts/services/record.json", "*fan-out output of stage 'Images' 'artifacts/services/record.json'*{value} in its file name*")]
    [InlineData("../records/{value}.json", "*fan-out output of stage 'Images' '../records/{value}.json'*")]
    [InlineData("/tmp/{value}.json", "*fan-out output of stage 'Images' '/tmp/{value}.json'*")]
    public void Generate_FanOutOutputWithoutAFilePerValueOrOutsideTheRoot_FailsNamingItAndTheForm(string output, string message)
    {
        var generate = () => CiFileGenerator.Generate(FanOut(new CiFanOut("--services", ["catalog-api"], output)));

        generate.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void Generate_FanOutValueThatIsNotALabel_FailsNamingIt()
    {
        var generate = () => CiFileGenerator.Generate(FanOut(new CiFanOut("--services", ["catalog-api", "x; rm -rf /"], "artifacts/{value}.json")));

        generate.Should().Throw<ArgumentException>().WithMessage("the fan-out value of stage 'Images' 'x; rm -rf /' cannot be written*");
    }

    [Fact]
    public void Generate_FanOutOverNoValue_FailsWithTheFix()
    {
        var generate = () => CiFileGenerator.Generate(FanOut(new CiFanOut("--services", [], "artifacts/{value}.json")));

        generate.Should().Throw<ArgumentException>().WithMessage("the CI stage 'Images' fans out over no value: give at least one, or drop its FanOut.");
    }

    [Fact]
    public void Generate_EveryBuildStageAfterAReleaseStageWithAFanOut_FailsNamingTheStage()
    {
        var description = new CiDescription
        {
            Stages =
            [
                new CiStage("Images", "ServiceImages") { OnReleaseTag = true, FanOut = new CiFanOut("--services", ["catalog-api"], "artifacts/{value}.json") },
                new CiStage("Test", "Test"),
            ],
        };

        var generate = () => CiFileGenerator.Generate(description);

        generate.Should().Throw<ArgumentException>().WithMessage("the CI stage 'Test' runs on every build but follows a release stage*list the release stages after the others*");
    }

    private static CiDescription FanOut(CiFanOut fanOut) => new() { Stages = [new CiStage("Images", "ServiceImages") { FanOut = fanOut }] };
}
