namespace Pipeline.Doctor;

/// <summary>
/// One check's outcome: what was checked, what was found and what to do, each one line (a table row, a JSON
/// object). Never holds a secret: details name users, hosts and sources only.
/// </summary>
/// <param name="Check">The check, e.g. <c>registry TLS</c>.</param>
/// <param name="Status">Ok, warning, failed or skipped.</param>
/// <param name="Detail">What was found, one line.</param>
/// <param name="Fix">What to do about it, one line; null when there is nothing to do.</param>
public sealed record CheckResult(string Check, CheckStatus Status, string Detail, string? Fix = null)
{
    /// <summary>A passed check.</summary>
    public static CheckResult Ok(string check, string detail) => new(check, CheckStatus.Ok, OneLine(detail));

    /// <summary>A check that passed with a caveat.</summary>
    public static CheckResult Warning(string check, string detail, string fix) => new(check, CheckStatus.Warning, OneLine(detail), OneLine(fix));

    /// <summary>A failed check and its fix.</summary>
    public static CheckResult Failed(string check, string detail, string fix) => new(check, CheckStatus.Failed, OneLine(detail), OneLine(fix));

    /// <summary>A check that did not run, and why.</summary>
    public static CheckResult Skipped(string check, string reason) => new(check, CheckStatus.Skipped, OneLine(reason));

    /// <summary>The checks that cannot run after an earlier one failed, each skipped with the same reason.</summary>
    public static IEnumerable<CheckResult> SkippedAll(string reason, params string[] checks) => checks.Select(check => Skipped(check, reason));

    // Stage messages are one line already; a multi-line one (a server's error text) must not break a table row.
    private static string OneLine(string text) => string.Join(' ', text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
