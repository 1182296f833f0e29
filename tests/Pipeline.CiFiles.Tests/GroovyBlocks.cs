namespace Pipeline.CiFiles.Tests;

/// <summary>Reads the nesting of a generated Jenkinsfile: the text of the <c>{ … }</c> block a header line opens.</summary>
internal static class GroovyBlocks
{
    /// <summary>True when every closing brace has its opening one and all are closed at the end.</summary>
    public static bool AreBalanced(string text)
    {
        var depth = 0;
        foreach (var character in text)
        {
            depth += character switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth < 0)
            {
                return false;
            }
        }

        return depth == 0;
    }

    /// <summary>The lines inside the block opened by the first line that starts (trimmed) with <paramref name="header"/>.</summary>
    public static IReadOnlyList<string> Block(string text, string header)
    {
        var lines = text.Split('\n');
        var start = Array.FindIndex(lines, line => line.TrimStart().StartsWith(header, StringComparison.Ordinal) && line.TrimEnd().EndsWith('{'));
        if (start < 0)
        {
            throw new KeyNotFoundException($"no block '{header} {{' in:\n{text}");
        }

        var depth = 0;
        for (var index = start; index < lines.Length; index++)
        {
            depth += lines[index].Count(c => c == '{') - lines[index].Count(c => c == '}');
            if (depth == 0)
            {
                return [.. lines[(start + 1)..index].Select(line => line.Trim())];
            }
        }

        throw new InvalidOperationException($"the block '{header}' is never closed");
    }
}
