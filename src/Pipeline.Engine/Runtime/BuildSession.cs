using System.Reflection;
using Pipeline.Engine.Cli;
using Pipeline.Engine.Hosts;
using Pipeline.Engine.Output;
using Pipeline.Engine.Parameters;
using Pipeline.Engine.Targets;

namespace Pipeline.Engine.Runtime;

/// <summary>
/// One run of a build: parse, register secrets, bind parameters, plan, check requirements, run, summarise.
/// Everything that can be wrong with the configuration is reported (exit 2) before any target runs.
/// </summary>
internal sealed class BuildSession(BuildHostContext context)
{
    public async Task<int> RunAsync(PipelineBuild build, string[] args)
    {
        var environment = context.Environment;
        var host = CiHostDetector.Detect(environment);
        var masker = new SecretMasker();
        var useColors = context.IsTerminal && host == CiHost.Local && !environment.ContainsKey("NO_COLOR");
        var children = new ChildEnvironmentGuard(context.ChildProcessEnvironment);
        var output = new BuildOutput(context.Output, masker, HostFormat.For(host), useColors, children);
        try
        {
            return await RunAsync(build, args, output, host, masker, children);
        }
        catch (BuildConfigurationException exception)
        {
            output.Error(exception.Message);
            return ExitCodes.UsageError;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Outside any target (a property that throws while being read or assigned): report it masked,
            // rather than letting the runtime print it unmasked.
            output.Error($"The build could not start: {exception}");
            return ExitCodes.UsageError;
        }
        finally
        {
            output.Flush();
        }
    }

    private async Task<int> RunAsync(
        PipelineBuild build, string[] args, BuildOutput output, CiHost host, SecretMasker masker, ChildEnvironmentGuard children)
    {
        var buildType = build.GetType();
        var catalog = ParameterCatalog.Discover(buildType);
        foreach (var secret in catalog.Parameters.Where(parameter => parameter.IsSecret))
        {
            children.RemoveVariable(secret.EnvironmentVariable);
        }

        var commandLine = new CommandLineParser(catalog).Parse(args);
        var binder = new ParameterBinder(catalog, new ParameterValueConverter(context.WorkingDirectory), output);
        binder.RegisterSecrets(commandLine.Arguments, context.Environment);
        EnsureSupportedTypes(catalog);

        var root = RootDirectoryLocator.Locate(context.WorkingDirectory);
        var parameters = new ParameterValues(catalog);
        var runtime = new BuildRuntime(output, host, context.Environment, root, parameters, context.IsTerminal && host == CiHost.Local);
        build.Attach(runtime);

        var defaultTarget = buildType.GetCustomAttribute<DefaultTargetAttribute>()?.Name;
        if (commandLine.ShowHelp || (commandLine.Targets.Count == 0 && defaultTarget is null))
        {
            HelpWriter.Write(output, TargetGraph.Build(build), catalog, defaultTarget, build);
            return ExitCodes.Success;
        }

        if (commandLine.Errors.Count > 0)
        {
            throw new BuildConfigurationException(string.Join(Environment.NewLine, commandLine.Errors));
        }

        var graph = TargetGraph.Build(build);
        ExecutionPlanner.EnsureAcyclic(graph);
        var requested = ResolveTargets(graph, commandLine.Targets.Count > 0 ? commandLine.Targets : [defaultTarget!]);
        var skip = new SkipSelection(
            commandLine.SkipGiven && commandLine.SkipTargets.Count == 0,
            ResolveTargets(graph, commandLine.SkipTargets).ToHashSet());
        var plan = ExecutionPlanner.Plan(graph, requested, skip);
        if (commandLine.ShowPlan)
        {
            output.Information(PlanWriter.Format(plan));
        }

        // The plan decides which parameters the environment and the parameters file are read for; everything the
        // planned targets use is then parsed and checked, and every problem reported at once, before any target runs.
        var binding = binder.Bind(commandLine.Arguments, context.Environment, ParametersFile.Read(root), ParameterUsage.Find(plan, catalog), parameters);
        if (commandLine.Verbose)
        {
            foreach (var ignored in binding.IgnoredVariables)
            {
                output.Information($"Ignored environment variable {ignored}: no planned target uses it.", AnsiColor.Dim);
            }
        }

        runtime.Results.RecordPlan(plan);
        await EnsureReadyAsync(build, catalog, parameters, plan, binding.Errors);
        if (commandLine.ShowPlan)
        {
            return ExitCodes.Success;
        }

        var result = await new TargetRunner(output, runtime.Results).RunAsync(plan, context.Cancellation);
        SummaryTableWriter.Write(output, result, runtime.Summary);
        if (host == CiHost.GitHubActions && context.Environment.GetValueOrDefault("GITHUB_STEP_SUMMARY") is { Length: > 0 } stepSummary)
        {
            try
            {
                StepSummaryWriter.Append(stepSummary, masker, result, runtime.Summary);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                output.Warning($"Could not write the step summary to {stepSummary}: {exception.Message}");
            }
        }

        return result.Status switch
        {
            BuildStatus.Succeeded => ExitCodes.Success,
            BuildStatus.Cancelled => ExitCodes.Cancelled,
            _ => ExitCodes.TargetFailed,
        };
    }

    /// <summary>
    /// Stops the build (exit 2) with every problem: values that did not bind, then missing requirements; once every
    /// value is bound, the planned targets' own checks (which read those values) run too.
    /// </summary>
    private async Task EnsureReadyAsync(PipelineBuild build, ParameterCatalog catalog, ParameterValues parameters, IReadOnlyList<PlannedTarget> plan, IReadOnlyList<string> bindingErrors)
    {
        var problems = new List<string>(bindingErrors);
        if (problems.Count == 0)
        {
            AssignSettableProperties(build, catalog, parameters);
        }

        var missing = RequirementChecker.FindMissing(plan, catalog);
        if (missing.Count > 0)
        {
            problems.Add($"Missing required parameters (no target ran):{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", missing)}");
        }

        if (problems.Count == 0)
        {
            problems.AddRange(await PlanValidator.FindProblemsAsync(plan, context.Cancellation));
        }

        if (problems.Count > 0)
        {
            if (missing.Count == 0)
            {
                problems.Add("(no target ran: fix the above and run again)");
            }

            throw new BuildConfigurationException(string.Join(Environment.NewLine, problems));
        }
    }

    private static void EnsureSupportedTypes(ParameterCatalog catalog)
    {
        var unsupported = catalog.Parameters.Where(parameter => !ParameterValueConverter.IsSupported(parameter.Type)).ToList();
        if (unsupported.Count > 0)
        {
            throw new BuildConfigurationException(string.Join(Environment.NewLine, unsupported.Select(parameter =>
                $"Parameter {parameter.MemberName} has type {parameter.Type.Name}, which cannot be read from text: use string, bool, an enum, AbsolutePath, string[] or a type implementing IParsable<T>.")));
        }
    }

    private static void AssignSettableProperties(PipelineBuild build, ParameterCatalog catalog, ParameterValues parameters)
    {
        foreach (var parameter in catalog.Parameters.Where(parameter => parameter.IsSettable))
        {
            if (parameters.TryGet(parameter, out var value))
            {
                parameter.Property.SetValue(build, value);
            }
        }
    }

    private static List<TargetModel> ResolveTargets(TargetGraph graph, IEnumerable<string> names)
    {
        var resolved = new List<TargetModel>();
        var errors = new List<string>();
        foreach (var name in names)
        {
            if (graph.Find(name) is { } target)
            {
                resolved.Add(target);
            }
            else
            {
                errors.Add($"Unknown target '{name}'.{ClosestMatch.Suggestion(ClosestMatch.Find(name, graph.Targets.Select(candidate => candidate.Name)))}");
            }
        }

        return errors.Count == 0 ? resolved : throw new BuildConfigurationException(string.Join(Environment.NewLine, errors));
    }
}
