using Pipeline.Registry.Http;

namespace Pipeline.Registry.Tests;

public class RegistryScopesTests
{
    [Fact]
    public void For_MountPost_AsksPullOnTheSourceAndPushOnTheTargetInOneSortedKey()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:5001/v2/team/app/blobs/uploads/?mount=sha256%3Aab&from=base%2Fruntime");

        RegistryScopes.For(request).Should().Be("repository:base/runtime:pull repository:team/app:pull,push");
    }

    [Fact]
    public void For_UploadPutWithQuery_AsksOnlyTheTarget()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1:5001/v2/team/app/blobs/uploads/u1?_state=x%3D&digest=sha256%3Aab");

        RegistryScopes.For(request).Should().Be("repository:team/app:pull,push");
    }
}
