using Pipeline.Image;

namespace Pipeline.Image.Tests;

public class DockerfileBaseImagesTests
{
    [Fact]
    public void Read_SubstitutesArgumentsAndSkipsStagesAndScratch()
    {
        const string dockerfile = """
            # syntax comment
            ARG BASE_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0
            ARG SDK="mcr.microsoft.com/dotnet/sdk:10.0"
            FROM --platform=linux/amd64 ${SDK} AS build
            RUN echo \
                building
            FROM build AS test
            FROM scratch AS empty
            FROM $BASE_IMAGE
            FROM ${OTHER:-alpine:3.20}
            """;

        var images = DockerfileBaseImages.Read(dockerfile, new Dictionary<string, string> { ["BASE_IMAGE"] = "pipeline/local-base:abc" });

        images.Should().Equal("mcr.microsoft.com/dotnet/sdk:10.0", "pipeline/local-base:abc", "alpine:3.20");
    }

    [Fact]
    public void Read_LikeThePlanner_AppliesOnlyDeclaredArgumentsAndKnowsThePlatformArguments()
    {
        const string dockerfile = """
            ARG TAG=10.0
            FROM ${UNDECLARED:-alpine:3.20}
            FROM runtime-deps:${TAG}-${TARGETARCH}
            """;

        var images = DockerfileBaseImages.Read(dockerfile, new Dictionary<string, string> { ["UNDECLARED"] = "given", ["TAG"] = "9.0" });

        // Docker hands a FROM only the ARGs declared before the first FROM; BuildKit adds the platform ones.
        images.Should().Equal("alpine:3.20", $"runtime-deps:9.0-{Platform.Machine!.Value.Architecture}");
    }

    [Fact]
    public void Read_AnUnclosedQuote_NamesTheLine()
    {
        var read = () => DockerfileBaseImages.Read("ARG A=1\nFROM 'alpine\n", new Dictionary<string, string>(), "/src/Dockerfile");

        read.Should().Throw<ImageBuildException>().Which.Message.Should().StartWith("/src/Dockerfile:2:").And.Contain("not closed");
    }
}
