using System.Text;

namespace Pipeline.Image.Direct;

/// <summary>
/// Docker's word processing for the instructions it expands (its shell lexer, not a shell): <c>$NAME</c>,
/// <c>${NAME}</c>, <c>${NAME:-word}</c>, <c>${NAME-word}</c>, <c>${NAME:+word}</c>, <c>${NAME+word}</c>; single quotes
/// are literal, double quotes still expand, <c>\</c> escapes the next character (inside double quotes only
/// <c>$</c>, <c>"</c> and <c>\</c>), and the quotes themselves are removed.
/// </summary>
internal static class ShellExpansion
{
    /// <summary>Expands one word; <paramref name="lookup"/> gives a variable's value or null when it is not set.</summary>
    /// <exception cref="PlanStopped">A quote is not closed, or an expansion is one the planner does not know.</exception>
    public static string Expand(string word, Func<string, string?> lookup, DockerfileInstruction instruction)
    {
        var result = new StringBuilder();
        var i = 0;
        while (i < word.Length)
        {
            var ch = word[i];
            switch (ch)
            {
                case '\'':
                    var close = word.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw PlanStopped.Invalid(instruction, $"the single quote in '{word}' is not closed: close it");
                    }

                    result.Append(word, i + 1, close - i - 1);
                    i = close + 1;
                    break;
                case '"':
                    i = ExpandDoubleQuoted(word, i + 1, lookup, instruction, result);
                    break;
                case '\\':
                    if (i + 1 < word.Length)
                    {
                        result.Append(word[i + 1]);
                    }

                    i += 2;
                    break;
                case '$':
                    i = ExpandVariable(word, i, lookup, instruction, result);
                    break;
                default:
                    result.Append(ch);
                    i++;
                    break;
            }
        }

        return result.ToString();
    }

    private static int ExpandDoubleQuoted(string word, int i, Func<string, string?> lookup, DockerfileInstruction instruction, StringBuilder result)
    {
        while (i < word.Length)
        {
            var ch = word[i];
            if (ch == '"')
            {
                return i + 1;
            }

            if (ch == '\\' && i + 1 < word.Length && word[i + 1] is '$' or '"' or '\\')
            {
                result.Append(word[i + 1]);
                i += 2;
            }
            else if (ch == '$')
            {
                i = ExpandVariable(word, i, lookup, instruction, result);
            }
            else
            {
                result.Append(ch);
                i++;
            }
        }

        throw PlanStopped.Invalid(instruction, $"the double quote in '{word}' is not closed: close it");
    }

    // word[dollar] is '$'; returns the index after the expansion.
    private static int ExpandVariable(string word, int dollar, Func<string, string?> lookup, DockerfileInstruction instruction, StringBuilder result)
    {
        var i = dollar + 1;
        if (i < word.Length && word[i] == '{')
        {
            var close = word.IndexOf('}', i + 1);
            if (close < 0)
            {
                throw PlanStopped.Invalid(instruction, $"'${{' in '{word}' is not closed: end it with '}}'");
            }

            var body = word[(i + 1)..close];
            var nameLength = NameLength(body, 0);
            if (nameLength == 0)
            {
                throw PlanStopped.Invalid(instruction, $"'${{{body}}}' names no variable: write ${{NAME}}");
            }

            var name = body[..nameLength];
            var modifier = body[nameLength..];
            if (modifier.Length > 0 && !(modifier.StartsWith(":-", StringComparison.Ordinal) || modifier.StartsWith(":+", StringComparison.Ordinal) || modifier[0] is '-' or '+'))
            {
                throw PlanStopped.Refused(instruction, $"the expansion '${{{body}}}' is not one the direct builder knows (it knows ${{NAME:-word}} and ${{NAME:+word}})");
            }

            var value = lookup(name);
            result.Append(modifier switch
            {
                "" => value ?? string.Empty,
                _ when modifier.StartsWith(":-", StringComparison.Ordinal) => string.IsNullOrEmpty(value) ? Expand(modifier[2..], lookup, instruction) : value,
                _ when modifier.StartsWith(":+", StringComparison.Ordinal) => string.IsNullOrEmpty(value) ? string.Empty : Expand(modifier[2..], lookup, instruction),
                _ when modifier.StartsWith('-') => value ?? Expand(modifier[1..], lookup, instruction),
                _ => value is null ? string.Empty : Expand(modifier[1..], lookup, instruction),
            });
            return close + 1;
        }

        var length = NameLength(word, i);
        if (length == 0)
        {
            // A lone '$' stays as written, as in Docker.
            result.Append('$');
            return i;
        }

        result.Append(lookup(word.Substring(i, length)) ?? string.Empty);
        return i + length;
    }

    private static int NameLength(string text, int start)
    {
        var i = start;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_') && !(i == start && char.IsAsciiDigit(text[i])))
        {
            i++;
        }

        return i - start;
    }
}
