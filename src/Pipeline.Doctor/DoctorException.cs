namespace Pipeline.Doctor;

/// <summary>
/// Checks failed. The message is one line: the first failed check, what was found and its fix; the whole
/// <see cref="Report"/> is kept for callers that print it.
/// </summary>
public sealed class DoctorException : Exception
{
    /// <summary>Creates the exception for a report with failures.</summary>
    public DoctorException(DoctorReport report)
        : base(Describe(report ?? throw new ArgumentNullException(nameof(report))))
    {
        Report = report;
    }

    /// <summary>Creates an exception without a report (kept for serialisation conventions).</summary>
    public DoctorException()
        : this("the setup checks failed")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> and no report.</summary>
    public DoctorException(string message)
        : base(message)
    {
        Report = new DoctorReport([]);
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public DoctorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Report = new DoctorReport([]);
    }

    /// <summary>Every check's result.</summary>
    public DoctorReport Report { get; }

    private static string Describe(DoctorReport report)
    {
        var failures = report.Failures;
        if (failures.Count == 0)
        {
            return "no check failed";
        }

        var first = failures[0];
        var more = failures.Count > 1 ? $" (and {failures.Count - 1} more failed checks: {string.Join(", ", failures.Skip(1).Select(failure => failure.Check))})" : string.Empty;
        return $"{first.Check}: {first.Detail} — fix: {first.Fix}{more}";
    }
}
