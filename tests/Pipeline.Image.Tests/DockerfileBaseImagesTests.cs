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
}
