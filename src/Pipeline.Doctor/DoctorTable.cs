namespace Pipeline.Doctor;

/// <summary>
/// The report as text: one row per check (check, result, what was found), and under a row that needs action
/// the fix, indented to the detail column:
/// <code>registry TLS        failed   x509: certificate signed by unknown authority: …
///                              fix: put the registry's CA at /etc/docker/certs.d/127.0.0.1:5000/ca.crt …</code>
/// </summary>
public static class DoctorTable
{
    private const string FixPrefix = "fix: ";

    /// <summary>The table's lines.</summary>
    public static IReadOnlyList<string> Format(DoctorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        string[] header = ["Check", "Result", "Detail / what to do"];
        var checkWidth = report.Results.Select(result => result.Check.Length).Append(header[0].Length).Max();
        var statusWidth = report.Results.Select(result => DoctorJson.StatusName(result.Status).Length).Append(header[1].Length).Max();
        var indent = new string(' ', checkWidth + statusWidth + 4);

        var lines = new List<string> { Row(header[0], header[1], header[2]) };
        foreach (var result in report.Results)
        {
            lines.Add(Row(result.Check, DoctorJson.StatusName(result.Status), result.Detail));
            if (result.Fix is { } fix)
            {
                lines.Add(indent + FixPrefix + fix);
            }
        }

        return lines;

        string Row(string check, string status, string detail) => $"{check.PadRight(checkWidth)}  {status.PadRight(statusWidth)}  {detail}".TrimEnd();
    }
}
