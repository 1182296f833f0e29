using System.Text.RegularExpressions;

namespace Pipeline.Engine.CiFiles;

/// <summary>
/// One job of the workflow: the every-build stages run in <c>build</c>, the release stages in <c>publish</c>, and a fan-out
/// stage in a matrix job of its own between them; each job needs the one before it, and the job after a fan-out receives
/// its outputs.
/// </summary>
/// <param name="Id">The job's key, e.g. <c>build</c>, <c>service-images</c>.</param>
/// <param name="Stages">Its stages in order; a fan-out job has exactly one.</param>
/// <param name="Needs">The job it waits for, or null for the first.</param>
/// <param name="ReceivesFrom">The fan-out stage just before this job, whose outputs it downloads first; null when none.</param>
internal sealed partial record GitHubJob(string Id, IReadOnlyList<CiStage> Stages, string? Needs, CiStage? ReceivesFrom)
{
    /// <summary>The fan-out stage this job runs once per value, or null.</summary>
    public CiStage? FanOutStage => Stages is [{ FanOut: not null } stage] ? stage : null;

    /// <summary>True when every stage waits for a release tag.</summary>
    public bool OnReleaseTag => Stages.All(stage => stage.OnReleaseTag);

    /// <summary>The jobs of <paramref name="description"/> in the order they run.</summary>
    public static IReadOnlyList<GitHubJob> Plan(CiDescription description)
    {
        var segments = new List<(string Id, List<CiStage> Stages)>();
        foreach (var (stages, id) in new[] { (description.Stages.Where(stage => !stage.OnReleaseTag), "build"), (description.Stages.Where(stage => stage.OnReleaseTag), "publish") })
        {
            List<CiStage>? current = null;
            foreach (var stage in stages)
            {
                if (stage.FanOut is not null)
                {
                    segments.Add((Kebab(stage.Name), [stage]));
                    current = null;
                    continue;
                }

                if (current is null)
                {
                    current = [];
                    segments.Add((id, current));
                }

                current.Add(stage);
            }
        }

        var jobs = new List<GitHubJob>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, stages) in segments)
        {
            var unique = id;
            for (var suffix = 2; !ids.Add(unique); suffix++)
            {
                unique = $"{id}-{suffix}";
            }

            var previous = jobs.Count > 0 ? jobs[^1] : null;
            jobs.Add(new GitHubJob(unique, stages, previous?.Id, previous?.FanOutStage));
        }

        return jobs;
    }

    private static string Kebab(string name) => UpperAfterLetter().Replace(name, "-$1").ToLowerInvariant();

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex UpperAfterLetter();
}
