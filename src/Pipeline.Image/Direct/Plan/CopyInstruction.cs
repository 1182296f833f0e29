using System.Formats.Tar;
using System.Globalization;
using Pipeline.Registry.Globs;

namespace Pipeline.Image.Direct;

/// <summary>
/// A <c>COPY</c> or local <c>ADD</c> from the build context turned into one layer's entries, with the classic
/// builder's rules (checked against Docker Engine 20.10): a folder source copies its contents; wildcards match
/// whole context paths as Go's <c>filepath.Match</c> does; a destination ending in <c>/</c> is a folder; the folders
/// Docker creates (the destination and its parents) get 0755 and the <c>--chown</c> owner, or root; copied files and
/// folders keep their modes unless <c>--chmod</c>.
/// </summary>
internal sealed class CopyInstruction
{
    private const UnixFileMode CreatedFolderMode = (UnixFileMode)0b111_101_101;

    private readonly DockerfileInstruction _instruction;
    private readonly BuildContext _context;
    private readonly IReadOnlyDictionary<string, ContextEntry> _entries;
    private readonly Dictionary<string, LayerFile> _files = new(StringComparer.Ordinal);

    private CopyInstruction(DockerfileInstruction instruction, BuildContext context, IReadOnlyDictionary<string, ContextEntry> entries)
    {
        _instruction = instruction;
        _context = context;
        _entries = entries;
    }

    /// <summary>The context's entries COPY can read: those sent, minus what is sent only for the engine (an ignored Dockerfile).</summary>
    public static IReadOnlyDictionary<string, ContextEntry> Copyable(BuildContext context) =>
        context.Entries.Where(entry => !context.SentOnlyForTheEngine.Contains(entry.RelativePath))
            .ToDictionary(entry => entry.RelativePath, StringComparer.Ordinal);

    /// <summary>Plans the layer.</summary>
    /// <param name="instruction">The COPY or ADD.</param>
    /// <param name="context">The build context.</param>
    /// <param name="entries">The context's copyable entries (<see cref="Copyable"/>).</param>
    /// <param name="sources">The sources, expanded.</param>
    /// <param name="destination">The destination, expanded and absolute, with its trailing <c>/</c> if written.</param>
    /// <param name="folders">The paths this plan's earlier layers made folders.</param>
    /// <param name="owner">The <c>--chown</c> ids, or null.</param>
    /// <param name="mode">The <c>--chmod</c> mode, or null.</param>
    /// <param name="cancellationToken">Cancels reading the sources.</param>
    public static async Task<DirectBuildLayer> PlanAsync(
        DockerfileInstruction instruction, BuildContext context, IReadOnlyDictionary<string, ContextEntry> entries,
        IReadOnlyList<string> sources, string destination, ISet<string> folders, (int User, int Group)? owner, UnixFileMode? mode,
        CancellationToken cancellationToken)
    {
        var copy = new CopyInstruction(instruction, context, entries);
        var matched = sources.SelectMany(copy.Match).ToList();
        var destinationIsFolder = destination.EndsWith('/') || destination.EndsWith("/.", StringComparison.Ordinal);
        var target = ImagePaths.Resolve("/", destination);
        if (matched.Count > 1 && !destinationIsFolder)
        {
            throw PlanStopped.Invalid(instruction, $"{instruction.Keyword} of more than one source needs a folder destination ending in '/': write {destination}/");
        }

        var (user, group) = owner ?? (0, 0);
        foreach (var source in matched)
        {
            if (source is null || source.Kind == TarEntryType.Directory)
            {
                copy.AddCreatedFolder(target, user, group);
                copy.AddContents(source?.RelativePath, target, user, group, mode);
            }
            else if (source.Kind == TarEntryType.SymbolicLink)
            {
                throw PlanStopped.Refused(instruction, $"{source.RelativePath} is a symbolic link, which the direct builder does not copy");
            }
            else
            {
                if (instruction.Keyword == "ADD" && await LocalArchive.MayBeOneAsync(source.FullPath, cancellationToken))
                {
                    throw PlanStopped.Refused(instruction, $"ADD would unpack {source.RelativePath} as an archive; the direct builder only copies (write COPY to copy it as it is)");
                }

                var path = destinationIsFolder || folders.Contains(target) ? ImagePaths.Resolve(target, Path.GetFileName(source.RelativePath)) : target;
                foreach (var parent in ImagePaths.Parents(path))
                {
                    copy.AddCreatedFolder(parent, user, group);
                }

                copy.Add(new LayerFile(path, source.FullPath, mode ?? source.Mode, user, group));
            }
        }

        foreach (var file in copy._files.Values.Where(file => file.IsDirectory))
        {
            folders.Add(file.ImagePath);
        }

        return new DirectBuildLayer(instruction.Line, instruction.Text, [.. copy._files.Values.OrderBy(file => file.ImagePath, ImagePaths.Order)]);
    }

    /// <summary>The entries a source names: null stands for the context's root.</summary>
    private IEnumerable<ContextEntry?> Match(string source)
    {
        if (source.Contains("://", StringComparison.Ordinal) || source.StartsWith("git@", StringComparison.Ordinal))
        {
            throw _instruction.Keyword == "ADD"
                ? PlanStopped.Refused(_instruction, $"ADD {source} downloads it, which the direct builder does not do")
                : PlanStopped.Invalid(_instruction, $"COPY cannot read the URL {source}: download it into the context first, or use ADD");
        }

        var relative = IgnorePattern.CleanPath(source.TrimStart('/'));
        if (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal))
        {
            throw PlanStopped.Invalid(_instruction, $"{source} is outside the build context: copy only what is inside {_context.Directory}");
        }

        if (relative.IndexOfAny(['*', '?', '[']) < 0)
        {
            if (relative == ".")
            {
                return [null];
            }

            return _entries.TryGetValue(relative, out var entry)
                ? [entry]
                : throw PlanStopped.Invalid(_instruction, $"{source} is not in the build context {_context.Directory} (or .dockerignore excludes it): put it there, or fix the path");
        }

        var pattern = GlobPattern.Compile(relative, GlobDialect.FilepathMatch);
        var matched = new List<ContextEntry?>();
        string? skipping = null;
        foreach (var entry in _entries.Values.OrderBy(entry => entry.RelativePath, ImagePaths.Order))
        {
            if (skipping is not null && entry.RelativePath.StartsWith(skipping, StringComparison.Ordinal))
            {
                continue;
            }

            skipping = null;
            if (pattern is not null && pattern.IsMatch(entry.RelativePath))
            {
                matched.Add(entry);
                // A matched folder is copied whole: what is inside it is not matched again.
                skipping = entry.Kind == TarEntryType.Directory ? entry.RelativePath + "/" : null;
            }
        }

        return matched.Count > 0
            ? matched
            : throw PlanStopped.Invalid(_instruction, $"{source} matches nothing in the build context {_context.Directory} (or .dockerignore excludes it): fix the pattern");
    }

    private void AddContents(string? folder, string target, int user, int group, UnixFileMode? mode)
    {
        var prefix = folder is null ? string.Empty : folder + "/";
        foreach (var entry in _entries.Values.Where(entry => entry.RelativePath.StartsWith(prefix, StringComparison.Ordinal)))
        {
            if (entry.Kind == TarEntryType.SymbolicLink)
            {
                throw PlanStopped.Refused(_instruction, $"{entry.RelativePath} is a symbolic link, which the direct builder does not copy");
            }

            var path = ImagePaths.Resolve(target, entry.RelativePath[prefix.Length..]);
            Add(new LayerFile(path, entry.Kind == TarEntryType.Directory ? null : entry.FullPath, mode ?? entry.Mode, user, group));
        }
    }

    private void AddCreatedFolder(string path, int user, int group)
    {
        foreach (var folder in ImagePaths.SelfAndParents(path))
        {
            if (!_files.ContainsKey(folder))
            {
                _files[folder] = new LayerFile(folder, null, CreatedFolderMode, user, group) { OnlyIfMissing = true };
            }
        }
    }

    // A later source replaces an earlier one at the same path, as Docker copies them in order; a created folder never
    // replaces a copied one.
    private void Add(LayerFile file) => _files[file.ImagePath] = file;

    /// <summary>Parses <c>--chown</c>: numeric <c>uid[:gid]</c> only (names need the base's /etc/passwd).</summary>
    public static (int User, int Group) ParseOwner(DockerfileInstruction instruction, string value)
    {
        var parts = value.Split(':');
        if (parts.Length <= 2 && parts.All(part => int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            var user = int.Parse(parts[0], CultureInfo.InvariantCulture);
            return (user, parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : user);
        }

        if (parts.Length <= 2 && parts.All(part => part.Length > 0))
        {
            throw PlanStopped.Refused(instruction, $"--chown={value} names a user or group, which only the base image's /etc/passwd and /etc/group resolve");
        }

        throw PlanStopped.Invalid(instruction, $"--chown={value} is not user[:group]: write e.g. --chown=1654:1654");
    }

    /// <summary>Parses <c>--chmod</c>: octal permission bits only.</summary>
    public static UnixFileMode ParseMode(DockerfileInstruction instruction, string value)
    {
        if (value.Length is > 0 and <= 4 && value.All(ch => ch is >= '0' and <= '7'))
        {
            return (UnixFileMode)Convert.ToInt32(value, 8);
        }

        throw PlanStopped.Refused(instruction, $"--chmod={value} is not an octal mode such as 0644, the only form the direct builder applies");
    }
}
