using ChatApp.E2E.Infrastructure;
using ChatApp.LoadTest.Cli;
using ChatApp.LoadTest.Scenarios;
using Xunit.Abstractions;

namespace ChatApp.E2E.LoadTest;

/// <summary>
/// The generator's status scenario against the real app (no browser), in a room with more people than a tab's
/// virtualized online list draws: every status change must show in every other tab. Correctness only, nothing timed.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StatusScenarioTests(ITestOutputHelper output) : IAsyncLifetime
{
    // More people than the list draws (600 px of 40 px rows plus overscan): a busy person among 44 online ones
    // sorts below every row a tab renders, so only a scenario that keeps its changers in view sees every change.
    private const int People = 45;

    private readonly KestrelAppFactory factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task EveryOtherTabShowsEveryStatusChangeInARoomFullerThanTheListDraws()
    {
        var baseUrl = factory.Start();
        var options = RunOptions.Parse(["status", "--url", baseUrl, "--tabs", $"{People}", "--users", $"{People}",
            "--rate", "4", "--duration", "5", "--parallel", "4"]);

        var result = await StatusScenario.RunAsync(options, CancellationToken.None);

        output.WriteLine(string.Join(Environment.NewLine, result.Figures.Select(f => $"{f.Key} = {f.Value}")));
        Assert.Equal(People, Convert.ToInt32(result.Figures["tabs_open"]));
        Assert.Equal(0L, result.Figures["errors"]);
        var changes = (long)result.Figures["status_changes"]!;
        Assert.True(changes >= 10, $"only {changes} status changes went out");
        // Every change went to every tab of the other 44 people, and each of them showed it.
        Assert.Equal(changes * (People - 1), (long)result.Figures["sightings_expected"]!);
        Assert.Equal(0L, result.Figures["sightings_missing"]);
        Assert.Equal(0L, result.Figures["sightings_not_in_view"]);
        Assert.Equal(result.Figures["sightings_expected"], result.Figures["sightings"]);
    }
}
