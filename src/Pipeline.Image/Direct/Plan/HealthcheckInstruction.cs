using System.Globalization;

namespace Pipeline.Image.Direct;

/// <summary><c>HEALTHCHECK [--interval=… --timeout=… --start-period=… --retries=…] CMD …</c> or <c>HEALTHCHECK NONE</c>.</summary>
internal static class HealthcheckInstruction
{
    public static ContainerHealthcheck Read(DockerfileInstruction instruction, List<(string Name, string? Value)> flags, string rest)
    {
        var words = InstructionWords.SplitWhitespace(rest);
        if (words.Length == 1 && string.Equals(words[0], "NONE", StringComparison.OrdinalIgnoreCase))
        {
            return flags.Count > 0
                ? throw PlanStopped.Invalid(instruction, "HEALTHCHECK NONE takes no flags: remove them")
                : new ContainerHealthcheck(["NONE"], null, null, null, null);
        }

        if (words.Length < 2 || !string.Equals(words[0], "CMD", StringComparison.OrdinalIgnoreCase))
        {
            throw PlanStopped.Invalid(instruction, "HEALTHCHECK needs CMD and a command, or NONE: write e.g. HEALTHCHECK CMD [\"/app/check\"]");
        }

        var command = rest.TrimStart()[3..].Trim();
        List<string> test = InstructionWords.TryJsonArray(command, out var items) ? ["CMD", .. items] : ["CMD-SHELL", command];
        TimeSpan? interval = null, timeout = null, startPeriod = null;
        int? retries = null;
        foreach (var (name, value) in flags)
        {
            switch (name)
            {
                case "interval":
                    interval = Duration(instruction, name, value);
                    break;
                case "timeout":
                    timeout = Duration(instruction, name, value);
                    break;
                case "start-period":
                    startPeriod = Duration(instruction, name, value);
                    break;
                case "retries":
                    retries = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                        ? count
                        : throw PlanStopped.Invalid(instruction, $"--retries={value} is not a count: write e.g. --retries=3");
                    break;
                case "start-interval":
                    throw PlanStopped.Refused(instruction, "HEALTHCHECK --start-interval is not one the direct builder writes");
                default:
                    throw PlanStopped.Invalid(instruction, $"HEALTHCHECK has no flag --{name}: use --interval, --timeout, --start-period or --retries");
            }
        }

        return new ContainerHealthcheck(test, interval, timeout, startPeriod, retries);
    }

    private static TimeSpan? Duration(DockerfileInstruction instruction, string name, string? value)
    {
        if (value is null || !GoDuration.TryParse(value, out var duration) || (duration != TimeSpan.Zero && duration < TimeSpan.FromMilliseconds(1)))
        {
            throw PlanStopped.Invalid(instruction, $"--{name}={value} is not a duration of at least 1ms: write e.g. --{name}=30s");
        }

        return duration == TimeSpan.Zero ? null : duration;
    }
}
