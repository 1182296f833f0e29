using System.Xml;
using System.Xml.Linq;

namespace Pipeline.Services;

/// <summary>
/// What can be read from one MSBuild file (a project, a Directory.Build.props, an imported file) without evaluating
/// it: the properties it sets literally, the package names it references, and the paths it points at. A path that
/// is conditional, built from a property MSBuild only knows while evaluating, or a wildcard where a path to
/// follow is needed, cannot be followed: it is reported, never guessed.
/// </summary>
internal sealed class MsBuildFile
{
    // The properties whose values are known without evaluating: the file's own folder, and the project's.
    private const string ThisFileDirectory = "$(MSBuildThisFileDirectory)";
    private const string ProjectDirectory = "$(MSBuildProjectDirectory)";

    // Items whose Include is a name, not a path.
    private static readonly HashSet<string> NamedItems = new(StringComparer.OrdinalIgnoreCase)
    {
        "PackageReference", "PackageVersion", "GlobalPackageReference", "FrameworkReference", "Using",
        "InternalsVisibleTo", "AssemblyAttribute", "SupportedPlatform", "ProjectCapability", "Protobuf",
    };

    private readonly XElement _root;
    private readonly string _shownAs;

    private MsBuildFile(string path, string shownAs, XElement root)
    {
        Path = path;
        _shownAs = shownAs;
        _root = root;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>True for an SDK-style project (<c>&lt;Project Sdk="…"&gt;</c>, an <c>&lt;Sdk&gt;</c> element or an SDK import).</summary>
    public bool IsSdkStyle =>
        _root.Attribute("Sdk") is not null
        || Elements("Sdk").Any()
        || Elements("Import").Any(import => import.Attribute("Sdk") is not null);

    /// <summary>
    /// Reads the file; throws <see cref="ServicesException"/> naming it when it is not well-formed XML.
    /// <paramref name="shownAs"/> is how messages name it (a path relative to the repository root).
    /// </summary>
    public static MsBuildFile Read(string path, string? shownAs = null)
    {
        shownAs ??= path;
        try
        {
            return new MsBuildFile(path, shownAs, XDocument.Load(path, LoadOptions.SetLineInfo).Root ?? throw new XmlException("no root element"));
        }
        catch (XmlException exception)
        {
            throw new ServicesException(ServicesFailureKind.InvalidDeclaration, $"{shownAs} is not a readable MSBuild file ({exception.Message}): fix its XML", exception);
        }
    }

    /// <summary>The last literal value the file gives <paramref name="name"/>, ignoring conditional ones; null when none.</summary>
    public string? Property(string name) =>
        Elements(name).Where(element => element.Parent?.Name.LocalName == "PropertyGroup" && !IsConditional(element))
            .Select(element => element.Value.Trim()).LastOrDefault();

    /// <summary>The names of the packages the file references.</summary>
    public IEnumerable<string> PackageReferences() =>
        Elements("PackageReference").SelectMany(element => Split(element.Attribute("Include")?.Value));

    /// <summary>
    /// The projects the file references, as full paths, and why any cannot be followed. <paramref name="projectFolder"/>
    /// is the folder of the project being read for (a Directory.Build.props is read for each project it applies to).
    /// </summary>
    public FollowedPaths ProjectReferences(string projectFolder) =>
        Follow(Elements("ProjectReference").Select(element => (element, element.Attribute("Include")?.Value)), projectFolder, "ProjectReference");

    /// <summary>
    /// The files the file imports that a repository holds (the SDK's own imports are the SDK's, its version an
    /// input). An import of a Directory.Build.props or .targets found above (<c>GetPathOfFileAbove</c>) is already
    /// an input of every folder's probe, so it is not followed again.
    /// </summary>
    public FollowedPaths Imports(string projectFolder) =>
        Follow(
            Elements("Import")
                .Where(import => import.Attribute("Sdk") is null && !ImportsProbedFileAbove(import.Attribute("Project")?.Value))
                .Select(import => (import, import.Attribute("Project")?.Value)),
            projectFolder,
            "Import",
            conditionsMatter: false);   // a conditional import is read when its file exists: more inputs, never fewer

    /// <summary>
    /// The paths of other items (Compile, Content, None, …) that lie outside <paramref name="projectFolder"/>,
    /// whose files a build may read although they are in no project's folder; wildcards and unknown properties
    /// there cannot be followed.
    /// </summary>
    public FollowedPaths OutsideItems(string projectFolder)
    {
        var items = Elements("ItemGroup").SelectMany(group => group.Elements())
            .Where(item => !NamedItems.Contains(item.Name.LocalName) && item.Name.LocalName != "ProjectReference")
            .SelectMany(item => Split(item.Attribute("Include")?.Value).Select(include => (item, include)))
            .Where(pair => !IsInside(Resolve(pair.include, projectFolder), projectFolder))
            .Select(pair => (pair.item, (string?)pair.include));
        return Follow(items, projectFolder, "item", conditionsMatter: false);
    }

    private FollowedPaths Follow(IEnumerable<(XElement Element, string? Value)> references, string projectFolder, string what, bool conditionsMatter = true)
    {
        var paths = new List<string>();
        var unfollowable = new List<string>();
        foreach (var (element, value) in references)
        {
            var line = ((IXmlLineInfo)element).LineNumber;
            foreach (var include in Split(value))
            {
                var resolved = Resolve(include, projectFolder);
                if (conditionsMatter && IsConditional(element))
                {
                    unfollowable.Add($"{_shownAs} line {line}: the {what} '{include}' has a Condition, which only MSBuild can evaluate");
                }
                else if (resolved.Contains("$(", StringComparison.Ordinal) || resolved.Contains("@(", StringComparison.Ordinal) || resolved.Contains("%(", StringComparison.Ordinal))
                {
                    unfollowable.Add($"{_shownAs} line {line}: the {what} '{include}' uses a property or item, which only MSBuild can evaluate");
                }
                else if (resolved.Contains('*', StringComparison.Ordinal) || resolved.Contains('?', StringComparison.Ordinal))
                {
                    unfollowable.Add($"{_shownAs} line {line}: the {what} '{include}' is a wildcard, which only MSBuild can expand");
                }
                else
                {
                    paths.Add(resolved);
                }
            }
        }

        return new FollowedPaths(paths, unfollowable);
    }

    // A path relative to this file's folder (MSBuild resolves an item's or import's path against the file that
    // declares it), with the two properties whose values are known here put in.
    private string Resolve(string include, string projectFolder)
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        var text = include.Replace(ThisFileDirectory, folder + System.IO.Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase)
            .Replace(ProjectDirectory, projectFolder, StringComparison.OrdinalIgnoreCase)
            .Replace('\\', '/');
        return text.Contains("$(", StringComparison.Ordinal) ? text : System.IO.Path.GetFullPath(text, folder);
    }

    private static bool IsInside(string path, string folder)
    {
        var wildcard = path.IndexOfAny(['*', '?']);
        var fixedPart = wildcard < 0 ? path : path[..wildcard];
        return !fixedPart.Contains("$(", StringComparison.Ordinal)
            && fixedPart.StartsWith(folder + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static bool ImportsProbedFileAbove(string? project) =>
        project is not null && project.Contains("GetPathOfFileAbove", StringComparison.Ordinal)
        && (project.Contains("'Directory.Build.props'", StringComparison.Ordinal) || project.Contains("'Directory.Build.targets'", StringComparison.Ordinal));

    // An element MSBuild may skip: its own Condition, or one on an enclosing group, When or Otherwise.
    private static bool IsConditional(XElement element) =>
        element.AncestorsAndSelf().Any(node => node.Attribute("Condition") is not null || node.Name.LocalName is "When" or "Otherwise");

    private static string[] Split(string? value) =>
        (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private IEnumerable<XElement> Elements(string localName) => _root.Descendants().Where(element => element.Name.LocalName == localName);
}

/// <summary>The paths a file points at that can be followed, and why the others cannot (each naming the file and line).</summary>
internal sealed record FollowedPaths(IReadOnlyList<string> Paths, IReadOnlyList<string> Unfollowable);
