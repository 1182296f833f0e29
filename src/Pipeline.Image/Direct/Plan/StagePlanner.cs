namespace Pipeline.Image.Direct;

/// <summary>
/// Walks the target stage's instructions in order, keeping what Docker keeps between them (variables, working
/// folder, settings, the folders made so far), and turns each into a layer or a settings change.
/// </summary>
internal sealed class StagePlanner
{
    private static readonly UnixFileMode FolderMode = (UnixFileMode)0b111_101_101;

    private readonly DirectBuildPlanRequest _request;
    private readonly IReadOnlyDictionary<string, string> _globals;
    private readonly StageVariables _variables;
    private readonly IReadOnlyDictionary<string, ContextEntry> _entries;
    private readonly HashSet<string> _folders = new(StringComparer.Ordinal);
    private readonly List<DirectBuildLayer> _layers = [];
    private readonly List<string> _exposed = [];
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private ContainerSettings _settings = new();
    private bool _cmdSet;
    private bool _clearsBaseCmd;

    public StagePlanner(DirectBuildPlanRequest request, IReadOnlyDictionary<string, string> globals)
    {
        _request = request;
        _globals = globals;
        _variables = new StageVariables(request.BaseSettings);
        _entries = CopyInstruction.Copyable(request.Context);
    }

    public async Task<DirectBuildPlan> PlanAsync(DirectBuildBase baseImage, DockerfileStage stage, CancellationToken cancellationToken)
    {
        foreach (var instruction in stage.Instructions)
        {
            await PlanAsync(instruction, cancellationToken);
        }

        return new DirectBuildPlan
        {
            Base = baseImage,
            Layers = _layers,
            ClearsBaseCmd = _clearsBaseCmd,
            Settings = _settings with
            {
                Env = [.. _variables.Environment.Select(pair => $"{pair.Key}={pair.Value}")],
                ExposedPorts = _exposed,
                Labels = _labels,
            },
        };
    }

    private async Task PlanAsync(DockerfileInstruction instruction, CancellationToken cancellationToken)
    {
        var (flags, rest) = InstructionWords.TakeFlags(instruction.Arguments);
        if (instruction.Keyword is not ("COPY" or "ADD" or "HEALTHCHECK" or "RUN") && flags.Count > 0)
        {
            throw PlanStopped.Invalid(instruction, $"{instruction.Keyword} takes no flag --{flags[0].Name}: remove it");
        }

        var lookup = _variables.Lookup(instruction);
        string Expand(string word) => ShellExpansion.Expand(word, lookup, instruction);
        switch (instruction.Keyword)
        {
            case "ARG":
                DeclareArguments(instruction, rest, Expand);
                break;
            case "ENV":
                foreach (var (name, value) in KeyValues(instruction, rest, Expand, allowLegacy: true))
                {
                    _variables.SetEnvironment(name, value);
                }

                break;
            case "LABEL":
                foreach (var (name, value) in KeyValues(instruction, rest, Expand, allowLegacy: true))
                {
                    _labels[name] = value;
                }

                break;
            case "EXPOSE":
                if (rest.Length == 0)
                {
                    throw PlanStopped.Invalid(instruction, "EXPOSE names no port: write e.g. EXPOSE 8080");
                }

                foreach (var word in InstructionWords.SplitWhitespace(rest).Select(Expand))
                {
                    var ports = ExposedPorts.Read(word)
                        ?? throw PlanStopped.Invalid(instruction, $"'{word}' is no port: write e.g. 8080, 8080/udp or 8000-8010/tcp");
                    _exposed.AddRange(ports.Where(port => !_exposed.Contains(port)));
                }

                break;
            case "USER":
                _settings = _settings with { User = Single(instruction, Expand(rest), "a user, e.g. USER 1654:1654") };
                break;
            case "WORKDIR":
                PlanWorkingFolder(instruction, Single(instruction, Expand(rest), "a folder, e.g. WORKDIR /app"));
                break;
            case "STOPSIGNAL":
                _settings = _settings with { StopSignal = StopSignal(instruction, Single(instruction, Expand(rest), "a signal, e.g. STOPSIGNAL SIGTERM")) };
                break;
            case "ENTRYPOINT":
                _settings = _settings with { Entrypoint = Command(rest) };
                _clearsBaseCmd = !_cmdSet;
                break;
            case "CMD":
                _settings = _settings with { Cmd = Command(rest) };
                _cmdSet = true;
                break;
            case "HEALTHCHECK":
                _settings = _settings with { Healthcheck = HealthcheckInstruction.Read(instruction, flags, rest) };
                break;
            case "COPY" or "ADD":
                await PlanCopyAsync(instruction, flags, rest, Expand, cancellationToken);
                break;
            case "RUN":
                throw PlanStopped.Refused(instruction, "RUN needs a container");
            case "ONBUILD":
                throw PlanStopped.Refused(instruction, "ONBUILD stores a trigger in the image, which the direct builder does not write");
            case "SHELL":
                throw PlanStopped.Refused(instruction, "SHELL changes the shell of later instructions, which the direct builder does not record");
            case "VOLUME":
                throw PlanStopped.Refused(instruction, "VOLUME declares volumes, which the direct builder does not write");
            default:
                throw PlanStopped.Refused(instruction, $"{instruction.Keyword} is not one the direct builder carries out");
        }
    }

    private void DeclareArguments(DockerfileInstruction instruction, string rest, Func<string, string> expand)
    {
        foreach (var word in InstructionWords.SplitQuoted(rest))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? word : word[..equals];
            if (_request.BuildArguments.TryGetValue(name, out var given))
            {
                _variables.Declare(name, given);
            }
            else if (equals >= 0)
            {
                _variables.Declare(name, expand(word[(equals + 1)..]));
            }
            else if (_globals.TryGetValue(name, out var global))
            {
                _variables.Declare(name, global);
            }
        }
    }

    /// <summary><c>KEY=VALUE …</c> (every value expanded with the variables from before the instruction) or the old <c>KEY VALUE</c>.</summary>
    internal static List<(string Name, string Value)> KeyValues(DockerfileInstruction instruction, string rest, Func<string, string> expand, bool allowLegacy)
    {
        var words = InstructionWords.SplitQuoted(rest);
        if (words.Count == 0)
        {
            throw PlanStopped.Invalid(instruction, $"{instruction.Keyword} sets nothing: write {instruction.Keyword} NAME=value");
        }

        if (!words[0].Contains('=', StringComparison.Ordinal) && allowLegacy)
        {
            var value = rest.Trim()[words[0].Length..].Trim();
            return value.Length == 0 && instruction.Keyword == "ENV"
                ? throw PlanStopped.Invalid(instruction, $"ENV {words[0]} has no value: write ENV {words[0]}=value")
                : [(expand(words[0]), expand(value))];
        }

        return [.. words.Select(word =>
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            return equals <= 0
                ? throw PlanStopped.Invalid(instruction, $"'{word}' is not NAME=value: write {instruction.Keyword} NAME=value")
                : (expand(word[..equals]), expand(word[(equals + 1)..]));
        })];
    }

    private static string Single(DockerfileInstruction instruction, string value, string example) =>
        value.Trim().Length == 0
            ? throw PlanStopped.Invalid(instruction, $"{instruction.Keyword} needs {example}")
            : instruction.Keyword == "USER" && value.Trim().Any(char.IsWhiteSpace)
                ? throw PlanStopped.Invalid(instruction, $"USER takes one user, not '{value.Trim()}': write e.g. USER 1654:1654")
                : value.Trim();

    private static string StopSignal(DockerfileInstruction instruction, string signal) =>
        System.Text.RegularExpressions.Regex.IsMatch(signal, @"^(?:[0-9]+|(?:SIG)?[A-Z][A-Z0-9]*(?:[+-][0-9]+)?)\z")
            ? signal
            : throw PlanStopped.Invalid(instruction, $"'{signal}' is no signal: write e.g. STOPSIGNAL SIGTERM or STOPSIGNAL 15");

    // Exec form as written, no expansion (Docker expands neither); the shell form goes to /bin/sh -c as written.
    private static List<string> Command(string rest) =>
        InstructionWords.TryJsonArray(rest, out var items) ? items : ["/bin/sh", "-c", rest];

    private string WorkingFolder(DockerfileInstruction instruction, string path)
    {
        if (path.StartsWith('/'))
        {
            return path;
        }

        var current = _settings.WorkingDir ?? (_request.BaseSettings is { } known ? known.WorkingDir : null);
        if (current is null && _request.BaseSettings is null)
        {
            throw PlanStopped.Refused(instruction, $"'{path}' is relative to the base image's WORKDIR, which the plan does not know");
        }

        return ImagePaths.Resolve(current is { Length: > 0 } ? current : "/", path);
    }

    private void PlanWorkingFolder(DockerfileInstruction instruction, string path)
    {
        var folder = ImagePaths.Resolve("/", WorkingFolder(instruction, path));
        _settings = _settings with { WorkingDir = folder };
        // The classic builder makes the folder (and its parents) as root, 0755, whatever USER says (checked on Engine 20.10).
        var created = ImagePaths.SelfAndParents(folder).Where(_folders.Add)
            .Select(made => new LayerFile(made, null, FolderMode, 0, 0) { OnlyIfMissing = true })
            .ToList();
        if (created.Count > 0)
        {
            _layers.Add(new DirectBuildLayer(instruction.Line, instruction.Text, created));
        }
    }

    private async Task PlanCopyAsync(
        DockerfileInstruction instruction, List<(string Name, string? Value)> flags, string rest, Func<string, string> expand, CancellationToken cancellationToken)
    {
        (int, int)? owner = null;
        UnixFileMode? mode = null;
        foreach (var (name, value) in flags)
        {
            switch (name)
            {
                case "chown" when value is not null:
                    owner = CopyInstruction.ParseOwner(instruction, expand(value));
                    break;
                case "chmod" when value is not null:
                    mode = CopyInstruction.ParseMode(instruction, expand(value));
                    break;
                case "from":
                    throw PlanStopped.Refused(instruction, $"the Dockerfile's {instruction.Keyword} --from copies from another stage or image");
                case "link" or "parents" or "exclude":
                    throw PlanStopped.Refused(instruction, $"the Dockerfile's {instruction.Keyword} --{name} is not one the direct builder applies");
                case "checksum" or "keep-git-dir" when instruction.Keyword == "ADD":
                    throw PlanStopped.Refused(instruction, $"ADD --{name} is for downloads, which the direct builder does not do");
                default:
                    throw PlanStopped.Invalid(instruction, $"the Dockerfile's {instruction.Keyword} has no flag --{name}{(value is null ? string.Empty : "=" + value)}: remove it or fix its name (--chown, --chmod)");
            }
        }

        var raw = InstructionWords.TryJsonArray(rest, out var items) ? items : [.. InstructionWords.SplitWhitespace(rest)];
        if (raw.Any(word => word.StartsWith("<<", StringComparison.Ordinal)))
        {
            throw PlanStopped.Refused(instruction, $"{instruction.Keyword} from a heredoc is not one the direct builder reads");
        }

        if (raw.Count < 2)
        {
            throw PlanStopped.Invalid(instruction, $"{instruction.Keyword} needs a source and a destination: write {instruction.Keyword} SOURCE… DEST");
        }

        var words = raw.Select(expand).ToList();
        var destination = words[^1];
        var isFolder = destination.EndsWith('/') || destination == "." || destination.EndsWith("/.", StringComparison.Ordinal);
        var resolved = WorkingFolder(instruction, destination);
        resolved = ImagePaths.Resolve("/", resolved) + (isFolder ? "/" : string.Empty);
        _layers.Add(await CopyInstruction.PlanAsync(instruction, _request.Context, _entries, words[..^1], resolved, _folders, owner, mode, cancellationToken));
    }
}
