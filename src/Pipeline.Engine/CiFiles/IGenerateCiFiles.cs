using Microsoft.Extensions.Logging;

namespace Pipeline.Engine.CiFiles;

/// <summary>
/// GenerateCiFiles: writes the GitHub Actions workflow and the Jenkinsfile from <see cref="CiDescription"/>, so the CI
/// files follow the build instead of being kept in step by hand. With <c>--check</c> it writes nothing and fails when
/// a committed file differs, naming the file and the fix.
/// </summary>
public interface IGenerateCiFiles : IPipelineBuild
{
    /// <summary>What the CI servers run; the build declares it (stages, targets, secrets).</summary>
    CiDescription CiDescription { get; }

    /// <summary>Compare instead of write (a CI step or a test keeps the committed files honest).</summary>
    [Parameter("GenerateCiFiles: fail when the committed CI files differ from the build definition instead of writing them",
        Name = "Check", EnvironmentVariable = "PIPELINE_CHECK_CI_FILES")]
    bool CheckCiFiles => Parameter(false);

    /// <summary>Writes (or checks) the CI files.</summary>
    Target GenerateCiFiles => _ => _
        .Description("Write .github/workflows/<name>.yml and Jenkinsfile from the build definition (--check: fail when they differ)")
        .Executes(async cancellationToken =>
        {
            var description = CiDescription;
            CiTargets.RequireDeclared(GetType(), description);
            var files = CiFileGenerator.Generate(description);
            if (CheckCiFiles)
            {
                var drift = CiFileGenerator.FindDrift(RootDirectory, files);
                if (drift.Count > 0)
                {
                    throw new InvalidDataException(
                        $"The CI files differ from the build definition: {string.Join("; ", drift)}. "
                        + "Run ./build.sh GenerateCiFiles and commit the result.");
                }

                Log.LogInformation("{Files} match the build definition", string.Join(" and ", files.Select(file => file.RelativePath)));
                return;
            }

            foreach (var file in files)
            {
                var path = RootDirectory / file.RelativePath;
                if (File.Exists(path) && await File.ReadAllTextAsync(path, cancellationToken) == file.Content)
                {
                    Log.LogInformation("{File} is up to date", file.RelativePath);
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, file.Content, cancellationToken);
                Log.LogInformation("Wrote {File}", file.RelativePath);
            }
        });
}
