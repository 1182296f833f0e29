using Docker.DotNet.Models;

namespace Pipeline.Image.Tests;

public class BuildTranscriptTests
{
    [Fact]
    public void Report_LineSplitAcrossChunksIsWrittenWhole()
    {
        var written = new List<string>();
        var transcript = new BuildTranscript(written.Add);

        transcript.Report(new JSONMessage { Stream = "Step 2/3 : RUN printf …\n ---> Running in 0123456789ab\ntoken=s3cr" });
        transcript.Report(new JSONMessage { Stream = "et-half" });
        transcript.Report(new JSONMessage { Stream = "s\r\nlast line without newline" });
        written.Should().Equal("Step 2/3 : RUN printf …", " ---> Running in 0123456789ab", "token=s3cret-halfs");

        transcript.Flush();

        written.Should().HaveCount(4).And.EndWith("last line without newline");
        transcript.CurrentStepOutput.Should().Contain("token=s3cret-halfs");
    }
}
