using System.Text;

namespace Pipeline.CiFiles.Tests;

/// <summary>
/// The string literals of a C# file with their line, comments skipped: regular, verbatim, raw and interpolated
/// strings (an interpolation hole reads as <c>{…}</c>; the literals inside it are read as literals of their own).
/// Enough of the lexer to check what messages say, not a parser.
/// </summary>
internal static class CSharpStringLiterals
{
    public const string Hole = "{…}";

    public static IReadOnlyList<(int Line, string Text)> Read(string source)
    {
        var reader = new Reader(source);
        reader.ReadCode(stopAtClosingBrace: false);
        return reader.Literals;
    }

    private sealed class Reader(string source)
    {
        private int _position;
        private List<int>? _lineStarts;

        public List<(int Line, string Text)> Literals { get; } = [];

        private char Current => _position < source.Length ? source[_position] : '\0';

        private char Peek(int ahead) => _position + ahead < source.Length ? source[_position + ahead] : '\0';

        /// <summary>Reads code up to the end, or up to the brace that closes an interpolation hole.</summary>
        public void ReadCode(bool stopAtClosingBrace)
        {
            var depth = 0;
            while (_position < source.Length)
            {
                var c = Current;
                if (c == '/' && Peek(1) == '/')
                {
                    while (_position < source.Length && Current != '\n')
                    {
                        _position++;
                    }
                }
                else if (c == '/' && Peek(1) == '*')
                {
                    var end = source.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                    _position = end < 0 ? source.Length : end + 2;
                }
                else if (c == '\'')
                {
                    SkipCharacter();
                }
                else if (StringStart() is { } prefix)
                {
                    ReadString(prefix);
                }
                else if (c == '{')
                {
                    depth++;
                    _position++;
                }
                else if (c == '}')
                {
                    if (stopAtClosingBrace && depth == 0)
                    {
                        _position++;
                        return;
                    }

                    depth--;
                    _position++;
                }
                else
                {
                    _position++;
                }
            }
        }

        // The prefix of a string literal that starts here ("$", "@", "$@", "$$", …), or null.
        private string? StringStart()
        {
            var length = 0;
            while (Peek(length) is '$' or '@')
            {
                length++;
            }

            if (Peek(length) != '"' || (length > 0 && _position > 0 && (char.IsLetterOrDigit(source[_position - 1]) || source[_position - 1] == '_')))
            {
                return null;
            }

            return source.Substring(_position, length);
        }

        private void SkipCharacter()
        {
            _position++;
            while (_position < source.Length && Current != '\'')
            {
                _position += Current == '\\' ? 2 : 1;
            }

            _position++;
        }

        private void ReadString(string prefix)
        {
            var line = LineAt(_position);
            _position += prefix.Length;
            var interpolated = prefix.Contains('$');
            var verbatim = prefix.Contains('@');
            var quotes = 0;
            while (Peek(quotes) == '"')
            {
                quotes++;
            }

            var raw = quotes >= 3;
            _position += raw ? quotes : 1;
            var text = new StringBuilder();
            var braces = Math.Max(1, prefix.Count(character => character == '$'));
            while (_position < source.Length)
            {
                var c = Current;
                if (raw && c == '"' && source.AsSpan(_position).StartsWith(new string('"', quotes)))
                {
                    _position += quotes;
                    break;
                }

                if (!raw && c == '"')
                {
                    if (verbatim && Peek(1) == '"')
                    {
                        text.Append('"');
                        _position += 2;
                        continue;
                    }

                    _position++;
                    break;
                }

                if (!raw && !verbatim && c == '\\')
                {
                    text.Append(Peek(1));
                    _position += 2;
                    continue;
                }

                if (interpolated && c == '{')
                {
                    if (!raw && Peek(1) == '{')
                    {
                        text.Append('{');
                        _position += 2;
                        continue;
                    }

                    _position += raw ? braces : 1;
                    text.Append(Hole);
                    ReadCode(stopAtClosingBrace: true);
                    continue;
                }

                if (interpolated && !raw && c == '}' && Peek(1) == '}')
                {
                    text.Append('}');
                    _position += 2;
                    continue;
                }

                text.Append(c);
                _position++;
            }

            Literals.Add((line, text.ToString()));
        }

        // Lines are counted once, then found by binary search: 1-based, the line the literal opens on.
        private int LineAt(int position)
        {
            _lineStarts ??= [0, .. source.Select((character, index) => (character, index)).Where(pair => pair.character == '\n').Select(pair => pair.index + 1)];
            var found = _lineStarts.BinarySearch(position);
            return found >= 0 ? found + 1 : ~found;
        }
    }
}
