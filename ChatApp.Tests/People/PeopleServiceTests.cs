using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.People;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.People;

public class PeopleServiceTests : ChatServiceTest
{
    public PeopleServiceTests() : this(TestDatabase.Sqlite)
    {
    }

    protected PeopleServiceTests(Func<TestDatabase> database) : base(database)
    {
    }

    private PeopleService people => Get<PeopleService>();

    [Fact]
    public async Task StarringSomeoneMarksThemWatchedForTheViewerOnly()
    {
        Assert.Null(await people.SetWatchedAsync(Alice.Id, Bob.Id, watched: true));

        Assert.True((await people.ListAsync(Alice.Id)).Single(p => p.UserId == Bob.Id).IsWatched);
        Assert.False((await people.ListAsync(Bob.Id)).Single(p => p.UserId == Alice.Id).IsWatched);
        Assert.Equal([Bob.Id], await people.WatchedByAsync(Alice.Id));
    }

    [Fact]
    public async Task StarringTwiceOrUnstarringTwiceIsHarmless()
    {
        await people.SetWatchedAsync(Alice.Id, Bob.Id, watched: true);
        Assert.Null(await people.SetWatchedAsync(Alice.Id, Bob.Id, watched: true));
        Assert.Single(await people.WatchedByAsync(Alice.Id));

        await people.SetWatchedAsync(Alice.Id, Bob.Id, watched: false);
        Assert.Null(await people.SetWatchedAsync(Alice.Id, Bob.Id, watched: false));
        Assert.Empty(await people.WatchedByAsync(Alice.Id));
    }

    [Fact]
    public async Task StarringFromManyTabsAtOnceKeepsOneStar()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => people.SetWatchedAsync(Alice.Id, Bob.Id, watched: true))));

        Assert.All(results, Assert.Null);
        Assert.Single(await people.WatchedByAsync(Alice.Id));
    }

    [Fact]
    public async Task AStarFloodIsRefusedPerUserAcrossThreadsWithoutTouchingOthersAndEasesWithTime()
    {
        var carol = await ChatTestServices.CreateUserAsync(Provider, "Carol");

        var results = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => people.SetWatchedAsync(Alice.Id, Bob.Id, watched: i % 3 != 0))));

        Assert.Equal(PeopleService.WatchChangesPerMinute, results.Count(r => r is null));
        Assert.All(results.Where(r => r is not null), r => Assert.Equal(ChatErrorKind.TooFast, r!.Kind));
        Assert.Null(await people.SetWatchedAsync(carol.Id, Bob.Id, watched: true));
        Assert.Equal(ChatErrorKind.TooFast, (await people.SetWatchedAsync(Alice.Id, carol.Id, watched: true))?.Kind);

        Chat.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await people.SetWatchedAsync(Alice.Id, carol.Id, watched: true));
    }

    [Fact]
    public async Task NobodyCanStarThemselvesOrAStranger()
    {
        Assert.Equal(ChatErrorKind.NotAllowed, (await people.SetWatchedAsync(Alice.Id, Alice.Id, true))?.Kind);
        Assert.Equal(ChatErrorKind.NotFound, (await people.SetWatchedAsync(Alice.Id, "nobody", true))?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, (await people.SetWatchedAsync("nobody", Alice.Id, true))?.Kind);
    }

    [Fact]
    public async Task LastSeenIsRecordedAndListed()
    {
        var at = Chat.Time.GetUtcNow().AddMinutes(-3);

        await people.RecordLastSeenAsync(Bob.Id, at);

        var listed = await people.ListAsync(Alice.Id);
        Assert.Equal(at, listed.Single(p => p.UserId == Bob.Id).LastSeenAt);
        Assert.Null(listed.Single(p => p.UserId == Alice.Id).LastSeenAt);
    }
}
