using Bunit;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Components.Presence;

namespace ChatApp.Tests.Components.Presence;

public sealed class OnlineListTests : ChatComponentTest
{
    private static string Topic(Room room) => RoomPresenceService.RoomTopic(room.Id);

    private void Enter(ChatUser user, string connectionId, Room? room = null) =>
        Presence.Track(Topic(room ?? Lobby), user.Id, connectionId, new PresenceInfo(user.DisplayName, "#123456"));

    private IRenderedComponent<OnlineList> RenderList(Action<IReadOnlyList<PresenceEvent>>? onEvents = null) =>
        Render<OnlineList>(p => p
            .Add(x => x.Access, AliceInLobby)
            .Add(x => x.OnEvents, change => onEvents?.Invoke(change.Events)));

    private static string[] ShownUsers(IRenderedComponent<OnlineList> list) =>
        list.FindAll("[data-testid=online-user]").Select(e => e.GetAttribute("data-user")!).ToArray();

    [Fact]
    public void RendersWhoIsInTheRoomWithTheCount()
    {
        Enter(Alice, "a1");
        Enter(Bob, "b1");

        var list = RenderList();

        Assert.Equal(["Alice", "Bob"], ShownUsers(list));
        Assert.Equal("2", list.Find("[data-testid=online-count]").TextContent);
        Assert.All(list.FindAll("[data-testid=online-user]"), e => Assert.Equal("online", e.GetAttribute("data-status")));
    }

    [Fact]
    public void AppliesJoinsAndLeavesAsTheyHappen()
    {
        Enter(Alice, "a1");
        var list = RenderList();

        Enter(Bob, "b1");
        list.WaitForAssertion(() => Assert.Equal(["Alice", "Bob"], ShownUsers(list)));

        Presence.Untrack(Topic(Lobby), Bob.Id, "b1");
        Chat.Time.Advance(Chat.Presence.LeaveDebounce);

        list.WaitForAssertion(() => Assert.Equal(["Alice"], ShownUsers(list)));
        Assert.Equal("1", list.Find("[data-testid=online-count]").TextContent);
    }

    [Fact]
    public void ReportsJoinedAndLeftOncePerUser()
    {
        var events = new List<string>();
        var list = RenderList(batch => events.AddRange(batch.Select(e => $"{e.User.DisplayName} {e.Kind}")));
        // The list subscribes after an access check; act once it listens.
        list.WaitForState(() => Presence.TopicCount == 1);

        Enter(Bob, "b1");
        Enter(Bob, "b2");
        list.WaitForAssertion(() => Assert.Equal(["Bob Joined"], events));
        Presence.Untrack(Topic(Lobby), Bob.Id, "b1");
        Presence.Untrack(Topic(Lobby), Bob.Id, "b2");
        list.WaitForAssertion(() => Assert.Empty(list.FindAll("[data-testid=online-user][data-connections='2']")));
        Assert.Equal(["Bob Joined"], events);

        Chat.Time.Advance(Chat.Presence.LeaveDebounce);

        list.WaitForAssertion(() => Assert.Equal(["Bob Joined", "Bob Left"], events));
    }

    [Fact]
    public void ShowsHowManyTabsSomeoneHasOpenHere()
    {
        Enter(Bob, "b1");
        Enter(Bob, "b2");

        var list = RenderList();

        var bob = list.Find("[data-testid=online-user]");
        Assert.Equal("2", bob.GetAttribute("data-connections"));
        Assert.Contains("×2", bob.TextContent);
    }

    [Fact]
    public void ShowsAReconnectingUserDimmed()
    {
        Enter(Bob, "b1");
        var list = RenderList();

        Presence.ConnectionDown("b1");

        list.WaitForAssertion(() =>
        {
            var bob = list.Find("[data-testid=online-user]");
            Assert.Equal("reconnecting", bob.GetAttribute("data-status"));
            Assert.Contains("reconnecting", bob.ClassList);
        });
    }

    [Fact]
    public void HidesAnInvisibleUserFromOthers()
    {
        Enter(Alice, "a1");
        Enter(Bob, "b1");
        var list = RenderList();

        Presence.SetStatus(Bob.Id, PresenceStatus.Invisible);

        list.WaitForAssertion(() => Assert.Equal(["Alice"], ShownUsers(list)));
        Assert.Equal("1", list.Find("[data-testid=online-count]").TextContent);
    }

    [Fact]
    public void InvisibleViewerStillSeesThemself()
    {
        Enter(Alice, "a1");
        Enter(Bob, "b1");
        Presence.SetStatus(Alice.Id, PresenceStatus.Invisible);

        var list = RenderList();

        Assert.Equal(["Bob", "Alice"], ShownUsers(list));
        Assert.Equal("invisible", list.Find("[data-testid=online-user][data-user=Alice]").GetAttribute("data-status"));
        Assert.Equal("2", list.Find("[data-testid=online-count]").TextContent);
    }

    [Fact]
    public async Task SortsByStatusThenName()
    {
        var carol = await ChatTestServices.CreateUserAsync(Services, "Carol");
        Enter(Alice, "a1");
        Enter(Bob, "b1");
        Enter(carol, "c1");
        Presence.SetStatus(Alice.Id, PresenceStatus.Away);
        Presence.SetStatus(carol.Id, PresenceStatus.Busy);

        var list = RenderList();

        Assert.Equal(["Bob", "Carol", "Alice"], ShownUsers(list));
    }

    [Fact]
    public async Task ShowsNothingOfARoomWhoseAccessHasEnded()
    {
        var secret = await ChatTestServices.CreateRoomAsync(Services, "secret", isPrivate: true);
        await ChatTestServices.AddMemberAsync(Services, secret, Alice);
        Enter(Bob, "b1", secret);
        var ended = await AccessAsync(Alice.Id, secret.Id);
        ended.Dispose();

        var list = Render<OnlineList>(p => p.Add(x => x.Access, ended));

        Assert.Empty(ShownUsers(list));
        Assert.Equal("0", list.Find("[data-testid=online-count]").TextContent);
    }

    [Fact]
    public async Task StopsListeningWhenDisposed()
    {
        RenderList();
        Assert.Equal(1, Presence.TopicCount);

        await DisposeComponentsAsync();

        Assert.Equal(0, Presence.TopicCount);
    }
}
