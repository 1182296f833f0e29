using Pipeline.Image;

namespace Pipeline.Services;

/// <summary>
/// Collects the files one service's build reads, statically: its project's folder and those of every project it
/// references (transitively, from the project file, the Directory.Build.props/.targets that apply to it and the
/// files they import), the <see cref="MsBuildProbes"/> files of each such folder and every folder above it up to
/// the repository root, files that items name outside those folders, and the Dockerfile with its .dockerignore.
/// What cannot be followed without MSBuild is collected as a reason instead.
/// </summary>
internal sealed class ServiceInputs
{
    private readonly string _root;
    private readonly SortedSet<string> _files = new(StringComparer.Ordinal);
    private readonly List<string> _untraceable = [];
    private readonly HashSet<string> _projects = new(StringComparer.Ordinal);
    private readonly HashSet<(string File, string ProjectFolder)> _scanned = [];
    private readonly Queue<string> _pending = new();

    private ServiceInputs(string root) => _root = root;

    /// <summary>The files (full paths), the projects the service references transitively (full paths, its own not among them) and the reasons the inputs cannot be told, if any.</summary>
    public static (IReadOnlySet<string> Files, IReadOnlyList<string> ReferencedProjects, IReadOnlyList<string> Untraceable) Collect(string root, ServiceDefinition service)
    {
        var inputs = new ServiceInputs(root);
        inputs._pending.Enqueue(service.Project.Value);
        while (inputs._pending.TryDequeue(out var project))
        {
            if (inputs._projects.Add(project))
            {
                inputs.AddProject(project);
            }
        }

        inputs.AddFile(service.Dockerfile.Value, $"the Dockerfile of {service.Artifact}");
        var ignore = Path.Combine(Path.GetDirectoryName(service.Dockerfile.Value)!, ".dockerignore");
        if (File.Exists(ignore))
        {
            inputs.AddFile(ignore, $"the .dockerignore of {service.Artifact}");
        }

        var referenced = inputs._projects.Where(project => project != service.Project.Value).Order(StringComparer.Ordinal).ToList();
        return (inputs._files, referenced, inputs._untraceable);
    }

    private void AddProject(string project)
    {
        if (!File.Exists(project))
        {
            _untraceable.Add($"the referenced project {Show(project)} does not exist");
            return;
        }

        if (!SourceTree.IsUnder(project, _root))
        {
            _untraceable.Add($"the referenced project {project} is outside the repository {_root}");
            return;
        }

        var folder = Path.GetDirectoryName(project)!;
        _files.UnionWith(SourceTree.Files(folder));
        for (var current = folder; SourceTree.IsUnder(current, _root); current = Path.GetDirectoryName(current)!)
        {
            // The names as the folder spells them, so a case-insensitive file system adds each file once.
            foreach (var probed in Directory.EnumerateFiles(current).Where(file => MsBuildProbes.FileNames.Contains(Path.GetFileName(file))))
            {
                _files.Add(probed);
                if (Path.GetFileName(probed) is "Directory.Build.props" or "Directory.Build.targets")
                {
                    Scan(probed, folder);
                }
            }

            if (current == _root)
            {
                break;
            }
        }

        Scan(project, folder);
    }

    // Follows what an MSBuild file points at, as read for the project in projectFolder.
    private void Scan(string file, string projectFolder)
    {
        if (!_scanned.Add((file, projectFolder)))
        {
            return;
        }

        var msbuild = MsBuildFile.Read(file, Show(file));
        var references = msbuild.ProjectReferences(projectFolder);
        _untraceable.AddRange(references.Unfollowable);
        foreach (var reference in references.Paths)
        {
            _pending.Enqueue(reference);
        }

        var imports = msbuild.Imports(projectFolder);
        _untraceable.AddRange(imports.Unfollowable);
        foreach (var import in imports.Paths.Where(File.Exists))
        {
            if (AddFile(import, $"{Show(file)} imports"))
            {
                Scan(import, projectFolder);
            }
        }

        var items = msbuild.OutsideItems(projectFolder);
        _untraceable.AddRange(items.Unfollowable);
        foreach (var item in items.Paths)
        {
            if (Directory.Exists(item))
            {
                _files.UnionWith(SourceTree.Files(item));
            }
            else if (File.Exists(item))
            {
                AddFile(item, $"{Show(file)} names");
            }
        }
    }

    private bool AddFile(string path, string what)
    {
        if (!SourceTree.IsUnder(path, _root))
        {
            _untraceable.Add($"{what} {path}, outside the repository {_root}");
            return false;
        }

        _files.Add(path);
        return true;
    }

    private string Show(string path) => SourceTree.IsUnder(path, _root) ? SourceTree.Relative(_root, path) : path;
}
