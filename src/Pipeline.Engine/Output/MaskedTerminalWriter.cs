using System.Text;

namespace Pipeline.Engine.Output;

/// <summary>
/// The terminal for live displays (progress bars). They write a frame in pieces and do not flush, so each write goes
/// out masked at once, except a tail that could be the start of a secret: it waits for the next write, which either
/// completes the secret (masked then) or shows it was none. Flush writes what is held.
/// </summary>
internal sealed class MaskedTerminalWriter(BuildOutput output) : TextWriter
{
    private readonly Lock gate = new();
    private string held = string.Empty;

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (gate)
        {
            // Masked first, so a secret completed by this write is replaced whole before any of it goes out.
            var masked = output.Mask(held + value);
            var unfinished = output.UnfinishedSecretLength(masked);
            output.WriteMasked(masked[..^unfinished]);
            held = masked[^unfinished..];
        }
    }

    public override void Flush()
    {
        lock (gate)
        {
            output.WriteMasked(output.Mask(held));
            held = string.Empty;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }
}
