using System.Globalization;
using System.Reflection;

namespace Pipeline.Engine.Parameters;

/// <summary>
/// Converts raw text to a parameter's type: string, bool, enums (any case), <see cref="AbsolutePath"/>
/// (relative to the working directory), any <see cref="IParsable{TSelf}"/> (int, the project's value types), their
/// nullable forms, and arrays of string or of a parsable type (repeated or comma-separated, each item parsed).
/// </summary>
internal sealed class ParameterValueConverter(string workingDirectory)
{
    private static readonly MethodInfo ParseParsableMethod =
        typeof(ParameterValueConverter).GetMethod(nameof(ParseParsable), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static bool IsSupported(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target == typeof(string) || target == typeof(string[]) || target == typeof(bool) || target.IsEnum
            || target == typeof(AbsolutePath) || ParsableInterface(target) is not null
            || target is { IsArray: true } && target.GetElementType() is { } item && ParsableInterface(item) is not null;
    }

    /// <summary>A type of the build's own (not the runtime's int or enum parsing), whose messages name the value and its rule.</summary>
    public static bool HasOwnMessages(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        target = target.IsArray ? target.GetElementType()! : target;
        return !target.IsEnum && target.Assembly != typeof(int).Assembly;
    }

    /// <summary>How the value is written, for help and errors: "string", "Debug|Release", "path", "RegistryHost".</summary>
    public static string Describe(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target switch
        {
            _ when target == typeof(string) => "string",
            _ when target == typeof(string[]) => "string[]",
            _ when target == typeof(bool) => "bool",
            _ when target == typeof(int) => "int",
            _ when target == typeof(AbsolutePath) => "path",
            { IsArray: true } => Describe(target.GetElementType()!) + "[]",
            { IsEnum: true } => string.Join('|', Enum.GetNames(target)),
            _ => target.Name,
        };
    }

    /// <summary>Converts; on failure <paramref name="problem"/> says why, without repeating the value.</summary>
    public bool TryConvert(Type type, IReadOnlyList<string> values, out object? value, out string problem)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        value = null;
        problem = "";
        if (target == typeof(string[]))
        {
            value = Items(values).ToArray();
            return true;
        }

        if (target.IsArray)
        {
            return TryConvertItems(target.GetElementType()!, values, out value, out problem);
        }

        var text = values[^1];
        try
        {
            value = target switch
            {
                _ when target == typeof(string) => text,
                _ when target == typeof(bool) => ParseBool(text),
                _ when target == typeof(AbsolutePath) => AbsolutePath.Create(Path.GetFullPath(text, workingDirectory)),
                { IsEnum: true } => ParseEnum(target, text),
                _ => ParseParsableMethod.MakeGenericMethod(target).Invoke(null, [text]),
            };
            return true;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or OverflowException or TargetInvocationException)
        {
            var cause = exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
            problem = cause.Message;
            return false;
        }
    }

    private static IEnumerable<string> Items(IReadOnlyList<string> values) =>
        values.SelectMany(item => item.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Parses every item; the problem names each item that does not parse.</summary>
    private bool TryConvertItems(Type itemType, IReadOnlyList<string> values, out object? value, out string problem)
    {
        var items = Items(values).ToList();
        var array = Array.CreateInstance(itemType, items.Count);
        var problems = new List<string>();
        for (var index = 0; index < items.Count; index++)
        {
            if (TryConvert(itemType, [items[index]], out var item, out var itemProblem))
            {
                array.SetValue(item, index);
            }
            else
            {
                problems.Add(itemProblem);
            }
        }

        (value, problem) = problems.Count == 0 ? (array, "") : (null, string.Join(" ", problems));
        return problems.Count == 0;
    }

    private static bool ParseBool(string text) => text.Trim().ToUpperInvariant() switch
    {
        "TRUE" or "1" or "YES" => true,
        "FALSE" or "0" or "NO" => false,
        _ => throw new FormatException("Expected true or false."),
    };

    private static object ParseEnum(Type type, string text)
    {
        var name = Enum.GetNames(type).FirstOrDefault(candidate => candidate.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null
            ? Enum.Parse(type, name)
            : throw new FormatException($"Expected one of {string.Join(", ", Enum.GetNames(type))}.");
    }

    private static Type? ParsableInterface(Type type) =>
        type.GetInterfaces().FirstOrDefault(candidate =>
            candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IParsable<>) && candidate.GetGenericArguments()[0] == type);

    private static T ParseParsable<T>(string text)
        where T : IParsable<T> => T.Parse(text, CultureInfo.InvariantCulture);
}
