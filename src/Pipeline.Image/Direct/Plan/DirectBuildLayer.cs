namespace Pipeline.Image.Direct;

/// <summary>
/// One layer a Dockerfile instruction makes (a <c>COPY</c>, a local <c>ADD</c>, a <c>WORKDIR</c> that creates folders):
/// its entries in the image's path order (parents before children, segments compared ordinally), each path once.
/// </summary>
/// <param name="Line">The instruction's line in the Dockerfile.</param>
/// <param name="Instruction">The instruction as written.</param>
/// <param name="Files">The entries; a writer may split them into several layers (the .NET split) as long as the
/// extracted result is the same.</param>
public sealed record DirectBuildLayer(int Line, string Instruction, IReadOnlyList<LayerFile> Files);
