namespace Pipeline.Image.Tests;

public sealed class LabelInstructionTests
{
    [Fact]
    public void For_QuotesEveryLabelSoNothingIsExpandedOrSplit()
    {
        var instruction = LabelInstruction.For(new Dictionary<string, string>
        {
            ["org.opencontainers.image.version"] = "1.0.0",
            ["note"] = "costs $HOME \"quoted\" back\\slash",
        });

        instruction.Should().Be("LABEL \"note\"=\"costs \\$HOME \\\"quoted\\\" back\\\\slash\" \"org.opencontainers.image.version\"=\"1.0.0\"");
    }
}
