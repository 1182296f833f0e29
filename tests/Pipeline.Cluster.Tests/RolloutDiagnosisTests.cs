namespace Pipeline.Cluster.Tests;

public sealed class RolloutDiagnosisTests
{
    [Fact]
    public void ToString_ListsPodsContainersEventsHintsAndLogs()
    {
        var diagnosis = new RolloutDiagnosis(
            "team",
            "orders",
            "timed out after 00:05:00",
            2,
            "orders-abc",
            "0 of 1 replicas updated, 1 of 2 available",
            [],
            [
                new PodDiagnosis(
                    "orders-abc-x1",
                    "Running",
                    [new ContainerProblem("app", "r:5000/orders:v2", "CrashLoopBackOff", "back-off 10s", "the container keeps exiting", ["boom", "exit 1"])],
                    [new WarningEvent("BackOff", "Back-off restarting failed container app", 3, null)]),
            ]);

        var text = diagnosis.ToString();

        text.Should().StartWith("Deployment team/orders did not become available: timed out after 00:05:00 (revision 2, 0 of 1 replicas updated, 1 of 2 available)");
        text.Should().Contain("pod orders-abc-x1 (Running):");
        text.Should().Contain("container app (r:5000/orders:v2) CrashLoopBackOff: back-off 10s");
        text.Should().Contain("hint: the container keeps exiting");
        text.Should().Contain("| boom");
        text.Should().Contain("warning BackOff (x3): Back-off restarting failed container app");
        diagnosis.Hints.Should().Equal("the container keeps exiting");
    }

    [Fact]
    public void ToString_SaysWhenNoReplicaSetExists()
    {
        var diagnosis = new RolloutDiagnosis("team", "orders", "timed out", null, null, "the controller has not observed the latest generation yet", [], []);

        diagnosis.ToString().Should().Contain("the deployment controller has not created a ReplicaSet for this revision yet");
    }
}
