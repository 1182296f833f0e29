using System.Text;

namespace Pipeline.Engine.Parameters;

/// <summary>Derives flag and variable names from a property name: RegistryPassword → registry-password, REGISTRY_PASSWORD.</summary>
internal static class ParameterNames
{
    public static string ToKebabCase(string name) => string.Join('-', Words(name)).ToLowerInvariant();

    public static string ToUpperSnakeCase(string name) => string.Join('_', Words(name)).ToUpperInvariant();

    /// <summary>The comparison key: "registry-password", "RegistryPassword" and "REGISTRY_PASSWORD" are equal.</summary>
    public static string Normalize(string name) =>
        new([.. name.Where(character => character is not ('-' or '_')).Select(char.ToLowerInvariant)]);

    /// <summary>Splits at separators and case changes; an acronym stays one word (ImageID → Image, ID).</summary>
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var index = 0; index < name.Length; index++)
        {
            var character = name[index];
            if (character is '-' or '_' or ' ')
            {
                Flush();
                continue;
            }

            var previous = index > 0 ? name[index - 1] : '\0';
            var next = index + 1 < name.Length ? name[index + 1] : '\0';
            var startsWord = char.IsUpper(character)
                && (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && char.IsLower(next)));
            if (startsWord)
            {
                Flush();
            }

            current.Append(character);
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
