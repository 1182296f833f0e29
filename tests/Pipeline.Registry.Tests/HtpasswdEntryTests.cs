using Pipeline.Registry.Local;

namespace Pipeline.Registry.Tests;

public class HtpasswdEntryTests
{
    [Fact]
    public void Create_ProducesA2yBcryptLineThatVerifies()
    {
        var entry = HtpasswdEntry.Create("deployer", "correct horse", workFactor: 4);

        entry.ToString().Should().StartWith("deployer:$2y$04$");
        entry.ToString().Should().NotContain("correct horse");
        entry.Verify("correct horse").Should().BeTrue();
        entry.Verify("wrong").Should().BeFalse();
    }

    [Fact]
    public void Create_UserWithColon_IsRejected()
    {
        var create = () => HtpasswdEntry.Create("a:b", "pw");

        create.Should().Throw<ArgumentException>().WithMessage("*cannot hold ':'*");
    }
}
