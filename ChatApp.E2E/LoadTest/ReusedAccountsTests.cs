using ChatApp.E2E.Infrastructure;
using ChatApp.LoadTest.Client;

namespace ChatApp.E2E.LoadTest;

/// <summary>
/// <c>--reuse-users FILE</c>: a second run against the same database signs its people in with the cookies the first
/// run saved (no registration, no password check) and its tabs open as theirs.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ReusedAccountsTests : IAsyncLifetime
{
    private readonly KestrelAppFactory factory = new();
    private readonly string file = Path.Combine(Path.GetTempPath(), $"chatapp-accounts-{Guid.NewGuid():N}.json");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        File.Delete(file);
        await factory.DisposeAsync();
    }

    [Fact]
    public async Task ASecondRunReusesTheSavedPeopleAndTheirTabsOpen()
    {
        var baseUri = new Uri(factory.Start() + "/");
        FleetOptions Options(LoadCounters counters) => new()
        {
            Tabs = 3,
            Users = 3,
            Rooms = ["lobby"],
            AccountsFile = file,
            Tab = new TabOptions { Counters = counters, OpenTimeout = TimeSpan.FromMinutes(2) },
        };

        string[] firstNames;
        await using (var first = new TabFleet(baseUri, Options(new LoadCounters())))
        {
            await first.RegisterUsersAsync(CancellationToken.None);
            firstNames = [.. first.Users.Select(u => u.DisplayName)];
            Assert.Equal(0, first.Reused);
        }

        var counters = new LoadCounters();
        await using var second = new TabFleet(baseUri, Options(counters));
        await second.RegisterUsersAsync(CancellationToken.None);
        await second.OpenTabsAsync(3, CancellationToken.None);

        Assert.Equal(firstNames, second.Users.Select(u => u.DisplayName));
        Assert.Equal(3, second.Reused);
        Assert.True(second.Opened == 3, string.Join("; ", counters.ErrorSamples));
        // Each tab is signed in as its person: the room lists all three of the first run's people.
        var everyone = await Task.WhenAll(second.Tabs.Select(t => t.TryWaitUntilAsync(
            d => firstNames.All(n => d.ByTestId("online-user").Any(e => e["data-user"] == n)), TimeSpan.FromMinutes(1))));
        Assert.All(everyone, Assert.True);
    }
}
