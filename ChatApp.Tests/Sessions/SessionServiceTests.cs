using ChatApp.Core.Events;
using ChatApp.Core.Sessions;
using ChatApp.Tests.Infrastructure;

namespace ChatApp.Tests.Sessions;

public class SessionServiceTests : SessionTest
{
    public SessionServiceTests() : this(TestDatabase.Sqlite)
    {
    }

    protected SessionServiceTests(Func<TestDatabase> database) : base(database)
    {
    }

    private readonly List<SessionsEnded> ended = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var user in new[] { Alice, Bob })
        {
            Events.Subscribe<SessionsEnded>(EventKey.User(user.Id), e =>
            {
                lock (ended)
                {
                    ended.Add(e);
                }
                return Task.CompletedTask;
            });
        }
    }

    [Fact]
    public async Task APersonSeesOnlyTheirOwnSessionsWithTheCurrentOneMarked()
    {
        var laptop = await SignInAsync(Alice, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0");
        Chat.Time.Advance(TimeSpan.FromMinutes(1));
        var phone = await SignInAsync(Alice, "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1");
        await SignInAsync(Bob);

        var sessions = await Service.ListAsync(Alice.Id, laptop);

        // The device in use first, then the most recently active.
        Assert.Equal([laptop, phone], sessions.Select(s => s.Key));
        Assert.Equal(["Firefox on Windows", "Safari on iOS"], sessions.Select(s => s.Browser));
        Assert.Equal([true, false], sessions.Select(s => s.IsCurrent));
    }

    [Fact]
    public async Task EndingASessionSignsOutThatDeviceAndTellsItsTabs()
    {
        var laptop = await SignInAsync(Alice);
        var phone = await SignInAsync(Alice);

        Assert.True(await Service.EndAsync(Alice.Id, phone));

        Assert.Null(await Store.FindAsync(phone, null));
        Assert.NotNull(await Store.FindAsync(laptop, null));
        Assert.Equal([phone], Assert.Single(ended).Keys);
        Assert.Equal(Alice.Id, ended[0].UserId);
    }

    [Fact]
    public async Task NobodyCanEndSomeoneElsesSession()
    {
        var bobs = await SignInAsync(Bob);

        Assert.False(await Service.EndAsync(Alice.Id, bobs));

        Assert.NotNull(await Store.FindAsync(bobs, null));
        Assert.Empty(ended);
        Assert.Empty(await Service.ListAsync(Alice.Id, null));
    }

    [Fact]
    public async Task SigningOutAllOthersKeepsTheCurrentDeviceAndTouchesNobodyElse()
    {
        var laptop = await SignInAsync(Alice);
        var phone = await SignInAsync(Alice);
        var tablet = await SignInAsync(Alice);
        var bobs = await SignInAsync(Bob);

        Assert.Equal(2, await Service.EndOthersAsync(Alice.Id, laptop));

        Assert.NotNull(await Store.FindAsync(laptop, null));
        Assert.Null(await Store.FindAsync(phone, null));
        Assert.Null(await Store.FindAsync(tablet, null));
        Assert.NotNull(await Store.FindAsync(bobs, null));
        Assert.Equal(new[] { phone, tablet }.Order(), Assert.Single(ended).Keys.Order());
    }

    [Fact]
    public async Task WithNothingToKeepEverySessionOfTheUserEnds()
    {
        var laptop = await SignInAsync(Alice);
        var bobs = await SignInAsync(Bob);

        Assert.Equal(1, await Service.EndOthersAsync(Alice.Id, keepKey: null));

        Assert.Null(await Store.FindAsync(laptop, null));
        Assert.NotNull(await Store.FindAsync(bobs, null));
    }

    [Fact]
    public async Task ExpiredSessionsAreNotListed()
    {
        await SignInAsync(Alice, lifetime: TimeSpan.FromHours(1));
        Chat.Time.Advance(TimeSpan.FromHours(2));

        Assert.Empty(await Service.ListAsync(Alice.Id, null));
    }
}
