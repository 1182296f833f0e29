using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pipeline.Components.Progress;

/// <summary>
/// Shows <paramref name="inner"/> (percentage, bytes) only for a layer whose size the engine reported: a layer the
/// registry already has reports none, and its bar's stand-in maximum of 1 would read "100% 1 byte".
/// </summary>
internal sealed class SizedOnlyColumn(ProgressColumn inner) : ProgressColumn
{
    /// <summary>The task state key <see cref="LayerBars"/> sets once a layer's size is known.</summary>
    public const string SizedKey = "sized";

    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        task.State.Get<bool>(SizedKey) ? inner.Render(options, task, deltaTime) : Text.Empty;

    public override int? GetColumnWidth(RenderOptions options) => inner.GetColumnWidth(options);
}
