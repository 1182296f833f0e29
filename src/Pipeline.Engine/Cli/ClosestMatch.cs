namespace Pipeline.Engine.Cli;

/// <summary>Suggests the known name nearest to a mistyped one (Levenshtein distance, ignoring case).</summary>
internal static class ClosestMatch
{
    public static string? Find(string input, IEnumerable<string> candidates) =>
        candidates.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(candidate => (candidate, distance: Distance(input.ToUpperInvariant(), candidate.ToUpperInvariant())))
            .OrderBy(match => match.distance)
            .ThenBy(match => match.candidate, StringComparer.Ordinal)
            .Select(match => match.candidate)
            .FirstOrDefault();

    public static string Suggestion(string? closest) => closest is null ? "" : $" Did you mean '{closest}'?";

    public static int Distance(string left, string right)
    {
        var previous = Enumerable.Range(0, right.Length + 1).ToArray();
        var current = new int[right.Length + 1];
        for (var i = 1; i <= left.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= right.Length; j++)
            {
                var substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[right.Length];
    }
}
