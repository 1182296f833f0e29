namespace Pipeline.Engine.Output;

/// <summary>The few terminal colours the engine uses, as ANSI escape sequences.</summary>
internal enum AnsiColor
{
    None,
    Cyan,
    Green,
    Yellow,
    Red,
    Dim,
}
