using System.Security.Cryptography;
using System.Text;
using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>
/// Runs <c>dotnet publish</c> unless its output is current: every input MSBuild reads and the output itself carry the
/// stamps (<see cref="FileStamp"/>) they had at the last successful publish, with the same arguments and SDKs.
/// MSBuild's own up-to-date check costs an evaluation and a build graph (~2.6 s of an unchanged Push); comparing
/// stamps costs milliseconds, so the process is not started at all.
/// <para>
/// The inputs: the project's folder and those of the projects it references (from <c>project.assets.json</c>),
/// minus bin/, obj/, hidden folders and the output; MSBuild's and NuGet's probed files in those folders and every
/// folder above them, present or not (Directory.Build.props/targets, Directory.Packages.props, NuGet.config,
/// global.json); the user's NuGet.Config; the muxer and its <c>sdk</c> folder (a new SDK moves it, and global.json
/// may then choose it); and every file the project imports (the SDK's targets, package props, …). That import list
/// is exact, from MSBuild itself (<c>dotnet publish … -pp</c>, 0.8 s measured on the sample, the same arguments so the
/// same conditions): it is worked out after a publish only, and only when a file of the last list, a probed file or
/// the SDK changed (a source edit reuses it), because MSBuild reports no complete list (<c>MSBuildAllProjects</c>
/// holds two of 163 files) and walking the SDK is guesswork. Not compared: environment variables MSBuild reads as
/// properties, and the imports of referenced projects beyond their folders and probed files.
/// </para>
/// The record, one <see cref="StampCache"/> file per project and output in the user's cache folder, is written
/// after a successful publish only, from stamps read before it started (an edit during the publish counts next
/// time), and forgotten when a publish fails (its output may be half-written).
/// </summary>
public sealed class ApplicationPublisher
{
    private const string ImportPrefix = "import ";
    private const string ReferencePrefix = "reference ";

    private readonly Func<IReadOnlyList<string>, CancellationToken, Task> _dotNet;
    private readonly ProcessEnvironment _environment;
    private readonly string? _cacheFolder;
    private readonly TimeProvider _clock;

    /// <summary>Creates the use case.</summary>
    /// <param name="dotNet">Runs the muxer with the arguments (and logs its output); throws when it fails.</param>
    /// <param name="environment">The build's environment: where a bare muxer name is looked up (<c>PATH</c>).</param>
    public ApplicationPublisher(Func<IReadOnlyList<string>, CancellationToken, Task> dotNet, ProcessEnvironment environment)
        : this(dotNet, environment, StampCache.DefaultFolder, TimeProvider.System)
    {
    }

    internal ApplicationPublisher(Func<IReadOnlyList<string>, CancellationToken, Task> dotNet, ProcessEnvironment environment, string? cacheFolder, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(dotNet);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(clock);
        _dotNet = dotNet;
        _environment = environment;
        _cacheFolder = cacheFolder;
        _clock = clock;
    }

    /// <summary>Publishes, or returns at once when nothing changed since the last publish (and not forced).</summary>
    public async Task<ApplicationPublishResult> PublishAsync(ApplicationPublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var project = Path.GetFullPath(request.Project);
        var projectFolder = Path.GetDirectoryName(project)!;
        var output = Path.GetFullPath(request.OutputDirectory);
        var cacheName = $"publish-{Hash(project, output)[..16]}.stamps";
        var last = StampCache.Load(_cacheFolder, cacheName);
        var references = last.KeysStartingWith(ReferencePrefix).Select(key => key[ReferencePrefix.Length..]).ToList();
        var intermediate = last.Find("intermediate", "-");
        IReadOnlyList<string> RecordedImports() => [.. last.KeysStartingWith(ImportPrefix).Select(key => key[ImportPrefix.Length..])];

        var readAt = _clock.GetUtcNow();
        var arguments = Hash([.. request.Arguments]);
        var inputs = ReadSources(projectFolder, references, output, intermediate, readAt);
        var imports = ReadImports(RecordedImports(), projectFolder, references, request.DotNet, readAt);
        var outputs = new PublishInputs(readAt);
        outputs.AddTree(output, new HashSet<string>());
        var importsCurrent = RecordedImports().Count > 0 && last.Find("imports", imports.Digest()) is not null;
        var restore = ReadRestoreInputs(projectFolder, references, intermediate, readAt);
        var restoreCurrent = importsCurrent && restore is not null && last.Find("restore", restore.Digest(arguments)) is not null;
        var current = importsCurrent
            && last.Find("inputs", inputs.Digest(arguments)) is not null
            && outputs.Count > 0 && last.Find("output", outputs.Digest()) is not null;
        if (current && !request.Force)
        {
            return new ApplicationPublishResult(Published: false, inputs.Count + imports.Count + outputs.Count);
        }

        var record = StampCache.Load(_cacheFolder, cacheName);
        var scratch = Path.Combine(Path.GetTempPath(), $"pipeline-publish-{Guid.NewGuid():N}");
        try
        {
            try
            {
                // NuGet's own no-op check costs an evaluation: skipped when restore's inputs are those of the last one.
                string[] restoreSwitch = restoreCurrent && !request.Arguments.Contains("--no-restore") ? ["--no-restore"] : [];
                await _dotNet([.. request.Arguments, .. restoreSwitch, "-getProperty:ProjectAssetsFile", $"-getResultOutputFile:{scratch}.json"], cancellationToken);
            }
            catch
            {
                await record.SaveAsync(CancellationToken.None);   // nothing remembered: the output may be half-written
                throw;
            }

            await RecordAsync();
        }
        finally
        {
            File.Delete($"{scratch}.json");
            File.Delete($"{scratch}.xml");
        }

        return new ApplicationPublishResult(Published: true, inputs.Count + imports.Count + outputs.Count);

        async Task RecordAsync()
        {
            var assets = PublishRecord.ReadProperty($"{scratch}.json");
            var nowReferences = assets is null ? null : PublishRecord.ReadReferencedFolders(assets, projectFolder);
            var nowIntermediate = assets is null ? null : Path.GetDirectoryName(assets);
            var importList = importsCurrent ? RecordedImports() : null;
            if (importList is null)
            {
                await _dotNet([.. request.Arguments, $"-pp:{scratch}.xml"], cancellationToken);
                importList = PublishRecord.ReadImports($"{scratch}.xml");
            }

            // The folders walked before the publish must be the ones it used: a new reference, or an intermediate
            // folder inside a walked one, is walked from the next run on (one more publish, never a wrong skip).
            var sameWalk = nowReferences is not null && nowReferences.SequenceEqual(references, StringComparer.Ordinal)
                && (nowIntermediate == intermediate || !Walked(nowIntermediate!, projectFolder, references, output, intermediate));
            // Read again after the publish, for the imports it found; a file read before it must not have moved since.
            var nowImports = ReadImports([.. importList ?? [], assets ?? string.Empty], projectFolder, references, request.DotNet, _clock.GetUtcNow());
            var nowOutputs = new PublishInputs(readAt: null);
            nowOutputs.AddTree(output, new HashSet<string>());
            if (importList is null || nowReferences is null || !inputs.Recordable || !nowImports.Recordable || !nowImports.AgreesWith(imports, nowIntermediate) || !nowOutputs.Recordable || nowOutputs.Count == 0)
            {
                await record.SaveAsync(cancellationToken);
                return;
            }

            foreach (var import in importList.Append(assets!))
            {
                record.Remember(ImportPrefix + import, "-", "-");
            }

            foreach (var reference in nowReferences)
            {
                record.Remember(ReferencePrefix + reference, "-", "-");
            }

            record.Remember("intermediate", "-", nowIntermediate!);
            if (!sameWalk)
            {
                // Not walked before this publish: the folders and imports are kept, so the next run walks them and
                // publishes once more; without them a project with references would never be recorded as current.
                await record.SaveAsync(cancellationToken);
                return;
            }

            // What the restore left in the intermediate folder, with project files that did not move since they were read before the publish.
            var nowRestore = ReadRestoreInputs(projectFolder, nowReferences, nowIntermediate, _clock.GetUtcNow());
            if (nowRestore is { Recordable: true } && restore is { Recordable: true } && nowRestore.AgreesWith(restore, nowIntermediate))
            {
                record.Remember("restore", nowRestore.Digest(arguments), "-");
            }

            record.Remember("imports", nowImports.Digest(), "-");
            record.Remember("inputs", inputs.Digest(arguments), "-");
            record.Remember("output", nowOutputs.Digest(), "-");
            await record.SaveAsync(cancellationToken);
        }
    }

    // The files MSBuild globs: a change in them changes what is built, not what is imported.
    private static PublishInputs ReadSources(string projectFolder, IReadOnlyList<string> references, string output, string? intermediate, DateTimeOffset readAt)
    {
        var sources = new PublishInputs(readAt);
        foreach (var folder in references.Prepend(projectFolder))
        {
            sources.AddTree(folder, Excluded(folder, output, intermediate));
        }

        return sources;
    }

    // What NuGet's restore reads beyond the imports (which hold the assets file, its generated props and the probed
    // files): the project file and its packages.lock.json, and what the last restore wrote (project.nuget.cache) with
    // the package files it expects. Null (restore) for a project with references (their own assets files are not
    // known here) and when the last restore's project.nuget.cache cannot be read.
    private static PublishInputs? ReadRestoreInputs(string projectFolder, IReadOnlyList<string> references, string? intermediate, DateTimeOffset readAt)
    {
        if (references.Count > 0 || !Directory.Exists(projectFolder))
        {
            return null;
        }

        var inputs = new PublishInputs(readAt);
        foreach (var projectFile in Directory.EnumerateFiles(projectFolder, "*.*proj"))
        {
            inputs.Add(projectFile);
        }

        inputs.Add(Path.Combine(projectFolder, "packages.lock.json"));
        if (intermediate is null)
        {
            return inputs;
        }

        var cache = Path.Combine(intermediate, "project.nuget.cache");
        if (PublishRecord.ReadExpectedPackageFiles(cache) is not { } expectedFiles)
        {
            return null;
        }

        inputs.Add(cache);
        foreach (var expected in expectedFiles)
        {
            inputs.Add(expected);
        }

        return inputs;
    }

    // The files that decide what is imported: a change in one (a new Directory.Build.props, another SDK) means the
    // import list is worked out again.
    private PublishInputs ReadImports(IReadOnlyList<string> imports, string projectFolder, IReadOnlyList<string> references, string dotNet, DateTimeOffset readAt)
    {
        var inputs = new PublishInputs(readAt);
        foreach (var import in imports)
        {
            inputs.Add(import);
        }

        foreach (var folder in references.Prepend(projectFolder))
        {
            inputs.AddProbes(folder);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0)
        {
            inputs.Add(Path.Combine(home, ".nuget", "NuGet", "NuGet.Config"));
        }

        // The muxer picks the SDK from its own folder's sdk/ (as global.json allows): a link is followed to it.
        if (FindMuxer(dotNet) is { } muxer)
        {
            inputs.Add(muxer);
            inputs.Add(Path.Combine(Path.GetDirectoryName(muxer)!, "sdk"));
        }
        else
        {
            inputs.AddUnknown(dotNet);   // which SDK runs is not known: always published
        }
        return inputs;
    }

    private string? FindMuxer(string dotNet)
    {
        var candidates = Path.IsPathFullyQualified(dotNet)
            ? [dotNet]
            : (_environment.NonEmpty("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(Path.IsPathFullyQualified).Select(folder => Path.Combine(folder, dotNet));
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
            }
        }

        return null;
    }

    // What MSBuild writes: never an input.
    private static HashSet<string> Excluded(string folder, string output, string? intermediate)
    {
        var excluded = new HashSet<string>(StringComparer.Ordinal) { Path.Combine(folder, "bin"), Path.Combine(folder, "obj"), output };
        if (intermediate is not null)
        {
            excluded.Add(intermediate);
        }

        return excluded;
    }

    // True when the walk of the project's folders (with their exclusions) reaches into path.
    private static bool Walked(string path, string projectFolder, IReadOnlyList<string> references, string output, string? intermediate) =>
        references.Prepend(projectFolder).Any(walked =>
            Under(path, walked) && !Excluded(walked, output, intermediate).Any(excluded => path == excluded || Under(path, excluded)));

    private static bool Under(string path, string folder) => path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Hash(params string[] fields) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', fields.Select(field => $"{field.Length}:{field}")))));
}
