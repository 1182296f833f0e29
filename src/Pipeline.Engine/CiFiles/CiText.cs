using System.Text;

namespace Pipeline.Engine.CiFiles;

/// <summary>Lines with an indent, always ending in <c>\n</c> whatever the platform, so the files are byte-for-byte reproducible.</summary>
internal sealed class CiText
{
    private readonly StringBuilder text = new();

    public CiText Line(int indent, string line)
    {
        text.Append(' ', indent).Append(line).Append('\n');
        return this;
    }

    public CiText Blank()
    {
        text.Append('\n');
        return this;
    }

    public override string ToString() => text.ToString();
}
