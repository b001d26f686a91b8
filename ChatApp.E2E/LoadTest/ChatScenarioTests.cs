using ChatApp.E2E.Infrastructure;
using ChatApp.LoadTest.Cli;
using ChatApp.LoadTest.Scenarios;
using Xunit.Abstractions;

namespace ChatApp.E2E.LoadTest;

/// <summary>
/// The generator's chat scenario against the real app (no browser), sending faster than the app's send limit allows:
/// a send the app refuses (the tab shows why) is counted as refused, not as a message the other tabs never showed.
/// Correctness only, nothing timed.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ChatScenarioTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int People = 3;
    private const int Tabs = 6;

    // Two messages per person per 10 s; each person sends one a second for four seconds.
    private readonly KestrelAppFactory factory = new(settings: new Dictionary<string, string> { ["Chat:SendLimitCount"] = "2" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task SendsTheAppRefusesAreCountedAsRefusedAndEveryStoredMessageReachesEveryOtherTab()
    {
        var baseUrl = factory.Start();
        var options = RunOptions.Parse(["chat", "--url", baseUrl, "--tabs", $"{Tabs}", "--users", $"{People}",
            "--senders", "0.5", "--rate", "3", "--duration", "4", "--warmup", "0", "--parallel", "3"]);

        var result = await ChatScenario.RunAsync(options, CancellationToken.None);

        output.WriteLine(string.Join(Environment.NewLine, result.Figures.Select(f => $"{f.Key} = {f.Value}").Concat(result.Lines)));
        Assert.Equal(Tabs, Convert.ToInt32(result.Figures["tabs_open"]));
        Assert.Equal(0L, result.Figures["errors"]);
        Assert.Equal(0L, result.Figures["send_failures"]);
        var (sent, refused) = ((long)result.Figures["messages_sent"]!, (long)result.Figures["send_refused"]!);
        Assert.True(refused >= 1, $"none of {sent} sends was refused, so the limit was never reached");
        Assert.True(sent - refused >= People, $"only {sent - refused} of {sent} sends went through");
        // Every stored message, and only those, is expected in the five other tabs of the room, and shows in all of them.
        Assert.Equal((sent - refused) * (Tabs - 1), (long)result.Figures["deliveries_expected"]!);
        Assert.Equal(0L, result.Figures["deliveries_missing"]);
        Assert.Contains(result.Lines, line => line.Contains("too fast", StringComparison.Ordinal));
    }
}
