using System.Text.Json;

namespace Pipeline.Doctor.Tests;

public sealed class DoctorReportFormatTests
{
    private static readonly DoctorReport Report = new(
    [
        CheckResult.Ok("engine reachable", "Docker engine at unix:///var/run/docker.sock"),
        CheckResult.Failed("registry reachable", "x509: certificate signed by unknown authority", "put the CA at /etc/docker/certs.d/r:5000/ca.crt"),
        CheckResult.Warning("namespace", "namespace orders does not exist yet", "kubectl create namespace orders"),
        CheckResult.Skipped("cluster", "no cluster configured"),
    ]);

    [Fact]
    public void Serialize_WritesOneLineArrayOfCheckStatusDetailFix()
    {
        var json = DoctorJson.Serialize(Report);

        json.Should().NotContain("\n").And.StartWith("[");
        using var document = JsonDocument.Parse(json);
        var rows = document.RootElement.EnumerateArray().ToList();
        rows.Select(row => row.GetProperty("status").GetString()).Should().Equal("ok", "failed", "warning", "skipped");
        rows[1].GetProperty("check").GetString().Should().Be("registry reachable");
        rows[1].GetProperty("detail").GetString().Should().Be("x509: certificate signed by unknown authority");
        rows[1].GetProperty("fix").GetString().Should().Be("put the CA at /etc/docker/certs.d/r:5000/ca.crt");
        rows[0].GetProperty("fix").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Format_PutsEachFixOnItsOwnLineUnderTheDetail()
    {
        var lines = DoctorTable.Format(Report);

        lines.Should().Equal(
            "Check               Result   Detail / what to do",
            "engine reachable    ok       Docker engine at unix:///var/run/docker.sock",
            "registry reachable  failed   x509: certificate signed by unknown authority",
            "                             fix: put the CA at /etc/docker/certs.d/r:5000/ca.crt",
            "namespace           warning  namespace orders does not exist yet",
            "                             fix: kubectl create namespace orders",
            "cluster             skipped  no cluster configured");
    }

    [Fact]
    public void DoctorException_NamesTheFirstFailureAndItsFixOnOneLine()
    {
        var exception = new DoctorException(Report);

        exception.Message.Should().Be("registry reachable: x509: certificate signed by unknown authority — fix: put the CA at /etc/docker/certs.d/r:5000/ca.crt");
        Report.HasFailures.Should().BeTrue();
    }

    [Fact]
    public void Failed_JoinsAMultiLineDetailIntoOneLine()
    {
        var result = CheckResult.Failed("x", "first line\n  second line\r\n", "fix it");

        result.Detail.Should().Be("first line second line");
    }
}
