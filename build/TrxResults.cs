using System.Xml.Linq;

namespace PipelineRepoBuild;

/// <summary>Reads VSTest .trx result files: each UnitTestResult's outcome, counted.</summary>
internal static class TrxResults
{
    private static readonly XNamespace TeamTest = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static TestCounts ReadDirectory(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.trx", SearchOption.AllDirectories).Select(ReadFile).Aggregate(default(TestCounts), (sum, file) => sum + file)
            : default;

    public static TestCounts ReadFile(string path)
    {
        var outcomes = XDocument.Load(path).Descendants(TeamTest + "UnitTestResult").Select(result => (string?)result.Attribute("outcome"));
        var counts = default(TestCounts);
        foreach (var outcome in outcomes)
        {
            counts += outcome switch
            {
                "Passed" => new TestCounts(1, 0, 0),
                "NotExecuted" or "Inconclusive" => new TestCounts(0, 0, 1),
                _ => new TestCounts(0, 1, 0), // Failed, Error, Timeout, Aborted: all are failures.
            };
        }

        return counts;
    }
}
