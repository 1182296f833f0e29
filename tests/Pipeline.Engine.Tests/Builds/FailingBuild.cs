namespace Pipeline.Engine.Tests.Builds;

/// <summary>One target that fails with the exception type <c>--kind</c> names.</summary>
[DefaultTarget(nameof(Fail))]
internal sealed class FailingBuild : PipelineBuild
{
    [Parameter("format | argument | io | null-reference | invalid-operation")]
    public string Kind { get; set; } = "format";

    private Target Fail => _ => _.Executes(() => throw (Kind == "null-reference" ? (Exception)Dereference(null) : Kind switch
    {
        "format" => new FormatException("'Bad_NS' is not a name: write bad-ns"),
        "argument" => new ArgumentException("the stage is empty: add one"),
        "io" => new FileNotFoundException("no .nupkg: pack first"),
        _ => (Exception)new InvalidOperationException("a bug"),
    }));

    private static FormatException Dereference(string? text) => new FormatException(text!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
