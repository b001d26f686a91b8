using ChatApp.LoadTest.Cli;
using ChatApp.LoadTest.Client;

namespace ChatApp.E2E.LoadTest;

/// <summary>The load generator only talks to this machine unless told otherwise, and bounds its own size and run time.</summary>
public sealed class RunOptionsTests
{
    [Theory]
    [InlineData("http://10.0.0.5:5000")]
    [InlineData("http://example.com")]
    public void ARemoteAddressIsRefusedWithoutAllowRemote(string url)
    {
        var refused = Assert.Throws<LoadTestException>(() => RunOptions.Parse(["idle", "--url", url]));
        Assert.Contains("--allow-remote", refused.Message);
        Assert.Equal(new Uri(url + "/"), RunOptions.Parse(["idle", "--url", url, "--allow-remote"]).Url);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5099")]
    [InlineData("http://localhost:5099")]
    [InlineData("http://[::1]:5099")]
    public void ALoopbackAddressIsAccepted(string url) =>
        Assert.Equal(5099, RunOptions.Parse(["chat", "--url", url]).Url.Port);

    [Theory]
    [InlineData("--tabs", "10001")]
    [InlineData("--tabs", "0")]
    [InlineData("--duration", "3601")]
    public void RunsOverTheHardCapsAreRefused(string option, string value) =>
        Assert.Throws<LoadTestException>(() => RunOptions.Parse(["idle", "--url", "http://127.0.0.1:5099", option, value]));

    [Fact]
    public void TabsNeedEnoughPeopleForTheAppsTabsPerPersonLimit()
    {
        var options = RunOptions.Parse(["idle", "--url", "http://127.0.0.1:5099", "--tabs", "100", "--users", "4"]);
        var refused = Assert.Throws<LoadTestException>(() => options.Fleet(new LoadCounters()).Validate());
        Assert.Contains("at least 5 people", refused.Message);
    }

    [Fact]
    public void AStormSeriesIsReadInOrderAndEachCountIsBounded()
    {
        Assert.Equal([250, 500, 1000], RunOptions.Parse(["storm", "--url", "http://127.0.0.1:5099", "--series", "250,500,1000"]).Series);
        Assert.Throws<LoadTestException>(() => RunOptions.Parse(["storm", "--url", "http://127.0.0.1:5099", "--series", "250,20000"]));
        Assert.Throws<LoadTestException>(() => RunOptions.Parse(["storm", "--url", "http://127.0.0.1:5099", "--series", "250,many"]));
    }

    [Fact]
    public void AHeapDumpNeedsTheServersProcess()
    {
        var refused = Assert.Throws<LoadTestException>(() => RunOptions.Parse(["idle", "--url", "http://127.0.0.1:5099", "--gcdump"]));
        Assert.Contains("--server-pid", refused.Message);
        Assert.True(RunOptions.Parse(["idle", "--url", "http://127.0.0.1:5099", "--gcdump", "--server-pid", "42"]).GcDump);
    }

    [Fact]
    public void ATimeLimitReplacesTheComputedRunBoundAndIsItselfBounded()
    {
        var computed = RunOptions.Parse(["idle", "--url", "http://127.0.0.1:5099", "--tabs", "5000"]).RunBound;
        var limited = RunOptions.Parse(["idle", "--url", "http://127.0.0.1:5099", "--tabs", "5000", "--time-limit", "900"]);
        Assert.True(computed > TimeSpan.FromHours(1), $"5,000 tabs get {computed} by default");
        Assert.Equal(TimeSpan.FromMinutes(15), limited.RunBound);
        Assert.Throws<LoadTestException>(() => RunOptions.Parse(["idle", "--url", "http://127.0.0.1:5099", "--time-limit", "0"]));
        Assert.Throws<LoadTestException>(() => RunOptions.Parse(["idle", "--url", "http://127.0.0.1:5099", "--time-limit", "100000"]));
    }

    [Fact]
    public void TheRunBoundCoversTheWarmUpTheIdleAndTheMeasuredWindows()
    {
        var options = RunOptions.Parse(["chat", "--url", "http://127.0.0.1:5099", "--duration", "600", "--warmup", "60"]);
        Assert.True(options.RunBound > TimeSpan.FromSeconds(60 + 600 + 600));
    }

    [Fact]
    public void TheRunBoundLeavesTimeToRegisterAThousandPeople()
    {
        var options = RunOptions.Parse(["idle", "--url", "http://127.0.0.1:5099", "--tabs", "1000", "--users", "1000", "--duration", "20"]);
        Assert.True(options.RunBound > TimeSpan.FromMinutes(45));
    }
}
