using System.Text;
using ChatApp.Core.Sessions;
using ChatApp.Tests.Infrastructure;

namespace ChatApp.Tests.Sessions;

public class SessionStoreTests : SessionTest
{
    public SessionStoreTests() : this(TestDatabase.Sqlite)
    {
    }

    protected SessionStoreTests(Func<TestDatabase> database) : base(database)
    {
    }

    [Fact]
    public async Task ASignedInSessionGivesBackItsTicketUntilItIsRemoved()
    {
        var key = await SignInAsync(Alice);

        Assert.Equal($"{Alice.Id}:v1", Encoding.UTF8.GetString((await Store.FindAsync(key, null))!));
        Assert.True(await Store.RemoveAsync(key));
        Assert.Null(await Store.FindAsync(key, null));
        Assert.False(await Store.IsActiveAsync(key));
    }

    [Fact]
    public void KeysAreUnguessableAndNeverRepeat()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => SessionStore.NewKey()).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(keys, k => Assert.True(k.Length >= 43));
    }

    [Fact]
    public async Task RequestsWithinAMinuteRecordActivityOnceAndTheAddressItCameFrom()
    {
        var key = await SignInAsync(Alice, address: "192.0.2.1");
        var signedInAt = Chat.Time.GetUtcNow();

        Chat.Time.Advance(TimeSpan.FromSeconds(30));
        await Store.FindAsync(key, "198.51.100.7");
        Assert.Equal(signedInAt, (await RowAsync(key))!.LastActivityAt);
        Assert.Equal("192.0.2.1", (await RowAsync(key))!.Address);

        Chat.Time.Advance(TimeSpan.FromSeconds(30));
        await Store.FindAsync(key, "198.51.100.7");
        var row = (await RowAsync(key))!;
        Assert.Equal(signedInAt.AddMinutes(1), row.LastActivityAt);
        Assert.Equal("198.51.100.7", row.Address);
    }

    [Fact]
    public async Task ManyRequestsAtOnceAllFindTheSessionAndRecordActivityOnce()
    {
        var key = await SignInAsync(Alice);
        Chat.Time.Advance(TimeSpan.FromMinutes(5));

        var found = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Store.FindAsync(key, "203.0.113.9"))));

        Assert.All(found, Assert.NotNull);
        Assert.Equal(Chat.Time.GetUtcNow(), (await RowAsync(key))!.LastActivityAt);
    }

    [Fact]
    public async Task AnExpiredSessionIsGoneAndCleanedUp()
    {
        var shortOne = await SignInAsync(Alice, lifetime: TimeSpan.FromHours(1));
        var longOne = await SignInAsync(Bob, lifetime: TimeSpan.FromDays(1));

        Chat.Time.Advance(TimeSpan.FromHours(1));

        Assert.Null(await Store.FindAsync(shortOne, null));
        Assert.Null(await RowAsync(shortOne));
        Assert.NotNull(await Store.FindAsync(longOne, null));

        Chat.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await Store.RemoveExpiredAsync());
        Assert.Null(await RowAsync(longOne));
    }

    [Fact]
    public async Task RenewingWithTheSameClaimsOnEveryRequestWritesAtMostOncePerMinute()
    {
        var key = await SignInAsync(Alice);
        var stored = (await RowAsync(key))!;

        Chat.Time.Advance(TimeSpan.FromSeconds(20));
        await Store.RenewAsync(key, TicketOf(Alice), "192.0.2.1");
        Assert.Equal(stored.ExpiresAt, (await RowAsync(key))!.ExpiresAt);

        Chat.Time.Advance(TimeSpan.FromSeconds(40));
        await Store.RenewAsync(key, TicketOf(Alice), "192.0.2.1");
        Assert.Equal(stored.ExpiresAt.AddMinutes(1), (await RowAsync(key))!.ExpiresAt);
    }

    [Fact]
    public async Task RenewingWithChangedClaimsIsWrittenAtOnce()
    {
        var key = await SignInAsync(Alice);

        await Store.RenewAsync(key, TicketOf(Alice, claims: "new-stamp"), null);

        Assert.Equal($"{Alice.Id}:new-stamp", Encoding.UTF8.GetString((await Store.FindAsync(key, null))!));
    }

    [Fact]
    public async Task RenewingAnEndedSessionDoesNotBringItBack()
    {
        var key = await SignInAsync(Alice);
        await Store.RemoveAsync(key);

        await Store.RenewAsync(key, TicketOf(Alice, claims: "v2"), null);

        Assert.Null(await RowAsync(key));
    }

    [Fact]
    public async Task TheBrowserIsKeptAsSomethingAPersonRecognises()
    {
        var key = await SignInAsync(Alice,
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36");

        Assert.Equal("Chrome on Linux", (await RowAsync(key))!.Browser);
    }
}
