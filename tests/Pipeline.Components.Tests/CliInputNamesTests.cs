using Pipeline.Version;

namespace Pipeline.Components.Tests;

public sealed class CliInputNamesTests
{
    [Fact]
    public void Value_NamesEachInputAsTheCliReadsIt()
    {
        CliInputNames.Value.Should().Be(new StageInputNames
        {
            Release = "--release",
            OverwriteTag = "--overwrite-tag",
            Registry = "--registry",
            RegistryUsername = "--registry-username",
            RegistryPassword = "REGISTRY_PASSWORD",
            RegistryCa = "--registry-ca",
            BaseImage = "--base-image",
            ImageBuilder = "--builder",
            Platforms = "--platforms",
            Manifest = "--manifest",
            Kubeconfig = "--kubeconfig",
            KubeContext = "--kube-context",
        });
    }

    [Fact]
    public void Value_LeavesNoInputInNeutralWords()
    {
        // An input added to StageInputNames but not filled here would reach CLI users as "the ... path".
        var neutral = typeof(StageInputNames).GetProperties().Where(property => property.PropertyType == typeof(string))
            .Where(property => Equals(property.GetValue(CliInputNames.Value), property.GetValue(StageInputNames.Neutral)))
            .Select(property => property.Name);

        neutral.Should().BeEmpty();
    }
}
