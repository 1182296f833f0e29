using System.Globalization;
using System.Reflection;

namespace Pipeline.Engine.Parameters;

/// <summary>
/// Converts raw text to a parameter's type: string, bool, enums (any case), <see cref="AbsolutePath"/>
/// (relative to the working directory), string[] (repeated or comma-separated), any <see cref="IParsable{TSelf}"/>
/// (int, the project's value types), and their nullable forms.
/// </summary>
internal sealed class ParameterValueConverter(string workingDirectory)
{
    private static readonly MethodInfo ParseParsableMethod =
        typeof(ParameterValueConverter).GetMethod(nameof(ParseParsable), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static bool IsSupported(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target == typeof(string) || target == typeof(string[]) || target == typeof(bool) || target.IsEnum
            || target == typeof(AbsolutePath) || ParsableInterface(target) is not null;
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
            value = values.SelectMany(item => item.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            return true;
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
