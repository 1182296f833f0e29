using System.Text.RegularExpressions;
using Pipeline.Testing.Docker;

namespace Pipeline.CiFiles.Tests;

/// <summary>
/// No stage package (src/Pipeline.* but Components and Engine) writes a command-line flag in a string: a stage used
/// from Cake would tell its user flags Cake does not have. Stages name their inputs through <c>StageInputNames</c>,
/// which the caller fills. Two kinds of literal may hold a flag: a process argument on its own (<c>"--pidfile"</c>,
/// <c>"--format=%H %ct"</c>), and another tool's flag after that tool's name (<c>kubectl logs --previous</c>).
/// </summary>
public sealed partial class StageMessageFlagsTests
{
    private static readonly string[] CallerPackages = ["Pipeline.Components", "Pipeline.Engine"];

    [Fact]
    public void StagePackages_WriteNoCommandLineFlagInAString()
    {
        var root = Path.Combine(RepositoryRoot.Find(), "src");
        var files = StageSourceFiles(root).ToList();
        files.Select(file => Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar)[0]).Distinct()
            .Should().Contain(["Pipeline.Registry", "Pipeline.Image", "Pipeline.Cluster"], "the scan must see the stage packages");

        var offenders = files
            .SelectMany(file => CSharpStringLiterals.Read(File.ReadAllText(file))
                .Where(literal => NamesOwnFlag(literal.Text))
                .Select(literal => $"{Path.GetRelativePath(root, file)}:{literal.Line}: \"{literal.Text}\""))
            .ToList();

        offenders.Should().BeEmpty(
            "a stage names its inputs through StageInputNames (the caller fills it: the CLI's flags, a Cake script's arguments), never as a flag:\n{0}",
            string.Join('\n', offenders));
    }

    [Theory]
    [InlineData("bump --release, or pass --overwrite-tag", true)]
    [InlineData("pass {…} and {…}, or docker login --username", false)]
    [InlineData("given with --kubeconfig: pass an existing file", true)]
    [InlineData("--pidfile", false)]
    [InlineData("--format=%H %ct", false)]
    [InlineData("the container keeps exiting (kubectl logs --previous)", false)]
    [InlineData("run dockerd with --storage-driver overlay2", false)]
    [InlineData("a range 1--2 or x--y is no flag", false)]
    [InlineData("HEALTHCHECK has no flag --{…}: use --interval", false)]
    [InlineData("the Dockerfile's {…} --from copies from another stage", false)]
    [InlineData("{…} --from copies from another stage", true)]
    public void NamesOwnFlag_TellsAStageFlagFromAnotherToolsAndFromAProcessArgument(string literal, bool expected) =>
        NamesOwnFlag(literal).Should().Be(expected);

    [Fact]
    public void Read_FindsLiteralsInsideInterpolationsAndSkipsComments()
    {
        const string source = """
            // "--in-a-comment"
            var a = $"pass {(anonymous ? "--nested" : $"user {name}")} now";
            var b = @"verbatim ""--quoted"" text"; /* "--block" */
            var c = '"'; var d = "after a char \" --escaped";
            """;

        var literals = CSharpStringLiterals.Read(source);

        literals.Select(literal => literal.Text).Should().Equal(
            "--nested", "user {…}", "pass {…} now", "verbatim \"--quoted\" text", "after a char \" --escaped");
        literals.Select(literal => literal.Line).Should().Equal(2, 2, 2, 3, 4);
    }

    private static IEnumerable<string> StageSourceFiles(string root) =>
        Directory.EnumerateDirectories(root, "Pipeline.*")
            .Where(package => !CallerPackages.Contains(Path.GetFileName(package)))
            .SelectMany(package => Directory.EnumerateFiles(package, "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    private static bool NamesOwnFlag(string literal)
    {
        if (ProcessArgument().IsMatch(literal))
        {
            return false;
        }

        return Flag().Matches(literal).Any(flag => !OtherTool().IsMatch(literal[..flag.Index]));
    }

    // A flag: two dashes after a space, a quote or an opening bracket (not inside "1--2"), then a lower-case word.
    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9-]*")]
    private static partial Regex Flag();

    // A literal that is one argument of a process: the flag alone, or flag=value.
    [GeneratedRegex(@"^--[a-z][a-z0-9-]*(=.*)?$", RegexOptions.Singleline)]
    private static partial Regex ProcessArgument();

    // Another tool's command line, or a Dockerfile instruction: its flags are that tool's, which a stage may cite.
    [GeneratedRegex(@"\b(kubectl|dockerd|docker|git|htpasswd)\s|\b(FROM|COPY|ADD|HEALTHCHECK)\s|Dockerfile's ")]
    private static partial Regex OtherTool();
}
