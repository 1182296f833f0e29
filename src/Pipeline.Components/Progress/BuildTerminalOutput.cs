using System.Text;
using Spectre.Console;

namespace Pipeline.Components.Progress;

/// <summary>
/// Spectre's output over the build's masked terminal writer. Spectre would take any writer but
/// <see cref="Console.Out"/> for a file (no live redraw, 80 columns); the build only draws bars on a real terminal,
/// so the size is the console's.
/// </summary>
internal sealed class BuildTerminalOutput(TextWriter writer) : IAnsiConsoleOutput
{
    private const int FallbackWidth = 80;
    private const int FallbackHeight = 24;

    public TextWriter Writer { get; } = writer;

    public bool IsTerminal => true;

    public int Width => Measure(() => Console.WindowWidth, FallbackWidth);

    public int Height => Measure(() => Console.WindowHeight, FallbackHeight);

    public void SetEncoding(Encoding encoding)
    {
        // The terminal's encoding belongs to the process's console, which the build does not change.
    }

    private static int Measure(Func<int> size, int fallback)
    {
        try
        {
            return size() is > 0 and var value ? value : fallback;
        }
        catch (IOException)
        {
            return fallback;
        }
    }
}
