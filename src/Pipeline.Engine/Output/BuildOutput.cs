using Pipeline.Engine.Hosts;
using Pipeline.Engine.Runtime;

namespace Pipeline.Engine.Output;

/// <summary>
/// The one way the engine writes: masks secrets, applies the CI host's conventions (groups, annotations)
/// and colours when allowed. Thread-safe, because tool output arrives on two pipes at once.
/// </summary>
internal sealed class BuildOutput(
    TextWriter writer, SecretMasker masker, HostFormat format, bool useColors, ChildEnvironmentGuard? children = null)
{
    private readonly Lock gate = new();

    public string Mask(string text) => masker.Apply(text);

    /// <summary>
    /// Registers a secret; on GitHub Actions, tells the runner before anything could print it; removes it from
    /// what child processes inherit.
    /// </summary>
    public void AddSecret(string value)
    {
        children?.RemoveValuesHolding(value);
        lock (gate)
        {
            foreach (var form in masker.Add(value))
            {
                if (format.AddMask(form) is { } command)
                {
                    writer.WriteLine(command);
                }
            }
        }
    }

    public void Information(string text, AnsiColor color = AnsiColor.None)
    {
        lock (gate)
        {
            foreach (var line in SplitLines(Mask(text)))
            {
                writer.WriteLine(Colorize(line, color));
            }
        }
    }

    public void Warning(string text)
    {
        lock (gate)
        {
            writer.WriteLine(Colorize(format.Warning(Mask(text)), AnsiColor.Yellow));
        }
    }

    public void Error(string text)
    {
        lock (gate)
        {
            writer.WriteLine(Colorize(format.Error(Mask(text)), AnsiColor.Red));
        }
    }

    /// <summary>A terminal writer for live displays, masked like every other line (see <see cref="MaskedTerminalWriter"/>).</summary>
    public TextWriter Terminal() => new MaskedTerminalWriter(this);

    /// <summary>How many characters ending <paramref name="masked"/> could begin a secret (see <see cref="MaskedTerminalWriter"/>).</summary>
    public int UnfinishedSecretLength(string masked) => masker.UnfinishedLength(masked);

    /// <summary>Writes text a live display drew (cursor movements included) that <see cref="Mask"/> has masked.</summary>
    public void WriteMasked(string masked)
    {
        if (masked.Length == 0)
        {
            return;
        }

        lock (gate)
        {
            writer.Write(masked);
            writer.Flush();
        }
    }

    public void BeginGroup(string name)
    {
        lock (gate)
        {
            writer.WriteLine(Colorize(format.GroupStart(Mask(name)), AnsiColor.Cyan));
        }
    }

    public void EndGroup()
    {
        lock (gate)
        {
            if (format.GroupEnd() is { } line)
            {
                writer.WriteLine(line);
            }
        }
    }

    public void Flush()
    {
        lock (gate)
        {
            writer.Flush();
        }
    }

    private static string[] SplitLines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    private string Colorize(string text, AnsiColor color)
    {
        if (!useColors || color == AnsiColor.None)
        {
            return text;
        }

        var code = color switch
        {
            AnsiColor.Cyan => "36",
            AnsiColor.Green => "32",
            AnsiColor.Yellow => "33",
            AnsiColor.Red => "31",
            _ => "2",
        };
        return $"\u001b[{code}m{text}\u001b[0m";
    }
}
