using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Image;

/// <summary>
/// One Dockerfile instruction with its continuation lines joined: the line it starts on, its keyword (upper case)
/// and the rest. Comment lines are dropped; a line that is no instruction keeps an empty keyword so checks can name it.
/// </summary>
internal readonly partial record struct DockerfileInstruction(int Line, string Keyword, string Arguments, string Text)
{
    public static IReadOnlyList<DockerfileInstruction> Read(string dockerfileText)
    {
        var instructions = new List<DockerfileInstruction>();
        var current = new StringBuilder();
        var start = 0;
        var number = 0;
        foreach (var rawLine in dockerfileText.Split('\n'))
        {
            number++;
            var line = rawLine.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#') || (current.Length == 0 && line.Trim().Length == 0))
            {
                continue;
            }

            if (current.Length == 0)
            {
                start = number;
            }

            if (line.EndsWith('\\'))
            {
                current.Append(line.AsSpan(0, line.Length - 1)).Append(' ');
                continue;
            }

            current.Append(line);
            instructions.Add(Create(start, current.ToString()));
            current.Clear();
        }

        if (current.Length > 0)
        {
            instructions.Add(Create(start, current.ToString()));
        }

        return instructions;
    }

    private static DockerfileInstruction Create(int line, string text)
    {
        var match = Syntax().Match(text);
        return match.Success
            ? new DockerfileInstruction(line, match.Groups["keyword"].Value.ToUpperInvariant(), match.Groups["rest"].Value.Trim(), text.Trim())
            : new DockerfileInstruction(line, string.Empty, string.Empty, text.Trim());
    }

    [GeneratedRegex(@"^\s*(?<keyword>[A-Za-z]+)(?:\s+(?<rest>.*))?\z", RegexOptions.Singleline)]
    private static partial Regex Syntax();
}
