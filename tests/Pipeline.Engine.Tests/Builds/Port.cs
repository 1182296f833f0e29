using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Pipeline.Engine.Tests.Builds;

/// <summary>A small <see cref="IParsable{TSelf}"/> value type, like the project's ReleaseVersion or RegistryHost.</summary>
internal readonly record struct Port(int Number) : IParsable<Port>
{
    public static Port Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var port) ? port : throw new FormatException("Expected a port number from 1 to 65535.");

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Port result)
    {
        var valid = int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535;
        result = valid ? new Port(number) : default;
        return valid;
    }

    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture);
}
