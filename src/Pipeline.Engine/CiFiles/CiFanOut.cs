namespace Pipeline.Engine.CiFiles;

/// <summary>
/// Runs a stage once per value, side by side, each run on its own runner (GitHub: a matrix job with <c>fail-fast: false</c>;
/// Jenkins: <c>parallel</c> stages, each on its own agent), with the value passed as <see cref="Parameter"/>. Each run hands
/// on its <see cref="Output"/> file (GitHub: an artifact per value; Jenkins: a stash per value), and the stage that follows
/// receives all of them in one folder.
/// </summary>
/// <param name="Parameter">The flag that takes the value, e.g. <c>--services</c> (<c>DeclaredParameter.Flag</c> spells it as the build reads it).</param>
/// <param name="Values">The values, one run each, e.g. the repository's service names.</param>
/// <param name="Output">The file each run writes and hands on, relative to the build root, with <see cref="ValueToken"/> in its name: <c>artifacts/services/{value}.json</c>.</param>
public sealed record CiFanOut(string Parameter, IReadOnlyList<string> Values, string Output)
{
    /// <summary>Where <see cref="Output"/> holds the run's value; one name per value, so no two runs hand on the same file.</summary>
    public const string ValueToken = "{value}";

    /// <summary>The GitHub matrix key: the flag without its dashes (<c>services</c>).</summary>
    internal string MatrixKey => Parameter.TrimStart('-');

    /// <summary>The folder every run's output lands in for the following stage.</summary>
    internal string OutputFolder => Output.LastIndexOf('/') is > 0 and var slash ? Output[..slash] : ".";

    /// <summary>The output file of the run for <paramref name="value"/>.</summary>
    internal string OutputOf(string value) => Output.Replace(ValueToken, value, StringComparison.Ordinal);

    /// <summary>The artifact (GitHub) or stash (Jenkins) that carries one run's output: the stage's name and the value.</summary>
    internal static string HandOffName(CiStage stage, string value) => $"{stage.Name}-{value}";
}
