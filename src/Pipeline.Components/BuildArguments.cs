namespace Pipeline.Components;

/// <summary>Parses <c>KEY=VALUE</c> build arguments, naming the flag and the fix on bad input.</summary>
internal static class BuildArguments
{
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> pairs)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new ArgumentException($"--build-args '{pair}' is not KEY=VALUE: write it as e.g. --build-args VERSION=1.2.3");
            }

            arguments[pair[..separator]] = pair[(separator + 1)..];
        }

        return arguments;
    }
}
