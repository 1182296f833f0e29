namespace Pipeline.Image;

/// <summary>One platform of a multi-platform image and the folder its COPY instructions read (its own publish output).</summary>
/// <param name="Platform">The platform the image is built for.</param>
/// <param name="ContextDirectory">The build context for that platform (for .NET, <c>dotnet publish -r &lt;rid&gt;</c>'s output).</param>
public sealed record PlatformContext(Platform Platform, string ContextDirectory);
