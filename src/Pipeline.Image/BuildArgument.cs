using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Pipeline.Image;

/// <summary>
/// One Dockerfile build argument, <c>KEY=VALUE</c> (the value may be empty, and may hold '='): parsed where it is
/// given, so a malformed one fails before anything is compiled or built.
/// </summary>
public readonly partial record struct BuildArgument : IParsable<BuildArgument>
{
    private BuildArgument(string name, string value) => (Name, Value) = (name, value);

    /// <summary>The <c>ARG</c> name: a letter or '_', then letters, digits and '_'.</summary>
    public string Name { get; }

    /// <summary>The value the <c>ARG</c> takes.</summary>
    public string Value { get; }

    /// <summary>Parses <c>KEY=VALUE</c>; throws <see cref="FormatException"/> naming the input and the fix.</summary>
    public static BuildArgument Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc />
    public static BuildArgument Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, provider, out var argument)
            ? argument
            : throw new FormatException($"'{s}' is not KEY=VALUE with KEY a name of letters, digits and '_' (as ARG declares it): write it as e.g. VERSION=1.2.3");
    }

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out BuildArgument result)
    {
        var separator = s?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        var valid = separator > 0 && NameGrammar().IsMatch(s![..separator]);
        result = valid ? new BuildArgument(s![..separator], s[(separator + 1)..]) : default;
        return valid;
    }

    /// <summary>The arguments as the engine takes them; a name given twice keeps its last value.</summary>
    public static IReadOnlyDictionary<string, string> ToDictionary(IEnumerable<BuildArgument> arguments)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            result[argument.Name] = argument.Value;
        }

        return result;
    }

    /// <summary><c>KEY=VALUE</c>.</summary>
    public override string ToString() => $"{Name}={Value}";

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex NameGrammar();
}
