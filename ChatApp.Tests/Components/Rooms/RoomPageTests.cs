using Bunit;
using ChatApp.Core.Events;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Core.Typing;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Components.Pages.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>
/// The route: a new view for every room, so moving to another room (even before the first has finished opening)
/// takes nothing of one room into the next.
/// </summary>
public sealed class RoomPageTests : ChatComponentTest
{
    private readonly PausingDbContextFactory database;

    public RoomPageTests() => database = UsePausingDatabase();

    private IRenderedComponent<RoomPage> RenderRoom(string slug = Room.LobbySlug)
    {
        var page = Render<RoomPage>(p => p.Add(x => x.Slug, slug));
        page.WaitForState(() => page.FindAll("[data-testid=room-title], [data-testid=not-found], [data-testid=access-denied]").Count > 0);
        return page;
    }

    private static string Title(IRenderedComponent<RoomPage> page) => page.Find("[data-testid=room-title]").TextContent.Trim();

    private static string[] Shown(IRenderedComponent<RoomPage> page, string testId, string attribute) =>
        page.FindAll($"[data-testid={testId}]").Select(e => e.GetAttribute(attribute) ?? "").ToArray();

    private static string[] ShownTexts(IRenderedComponent<RoomPage> page) =>
        page.FindAll("[data-testid=message] [data-testid=message-text]").Select(e => e.TextContent).ToArray();

    [Fact]
    public async Task LeavingARoomWhileItIsStillBeingEnteredLeavesNoTraceOfTheTabInIt()
    {
        var other = await ChatTestServices.CreateRoomAsync(Services, "other");
        // The view opens the room (call 1: its access, and its message watch with no query), then reads its history
        // (call 2): hold it there. Presence and typing come after, from the access, with no query of their own.
        var entering = database.PauseAtCall(2);
        var page = Render<RoomPage>(p => p.Add(x => x.Slug, Room.LobbySlug));
        await entering.WaitAsync(TimeSpan.FromSeconds(30));

        page.Render(p => p.Add(x => x.Slug, "other"));
        database.Resume();
        page.WaitForAssertion(() => Assert.Equal("# other", page.Find("[data-testid=room-title]").TextContent.Trim()));
        Chat.Time.Advance(Chat.Presence.LeaveDebounce);

        Assert.Null(Presence.Get(RoomPresenceService.RoomTopic(Lobby.Id), Alice.Id, Bob.Id));
        Assert.NotNull(Presence.Get(RoomPresenceService.RoomTopic(other.Id), Alice.Id, Bob.Id));
        Assert.Equal(0, Events.SubscriberCount<MessageSaved>(EventKey.Room(Lobby.Id)));
        // Typing is watched on the bus: the lobby's typing watch is gone, the other room's is there.
        Assert.Equal(0, Events.SubscriberCount<TypingChanged>(EventKey.Room(Lobby.Id)));
        Assert.Equal(1, Events.SubscriberCount<TypingChanged>(EventKey.Room(other.Id)));
    }

    [Fact]
    public async Task AMessageSentJustBeforeSwitchingRoomsStaysInItsOwnRoom()
    {
        var other = await ChatTestServices.CreateRoomAsync(Services, "other");
        var page = Render<RoomPage>(p => p.Add(x => x.Slug, Room.LobbySlug));
        page.WaitForAssertion(() => page.Find("[data-testid=message-input]"));
        // As the browser does it: the length while typing (Composer.razor.js), the text with the send.
        var composer = page.FindComponent<Composer>();
        await composer.InvokeAsync(() => composer.Instance.OnDraftInput("for the lobby".Length));
        page.Find("textarea[data-testid=message-input]").Change("for the lobby");
        page.WaitForAssertion(() => Assert.Single(Services.GetRequiredService<TypingService>().TypingIn(Lobby.Id)));

        var sending = database.PauseAtCall(1);
        var click = page.Find("[data-testid=send-button]").ClickAsync(new());
        await sending.WaitAsync(TimeSpan.FromSeconds(30));
        page.Render(p => p.Add(x => x.Slug, "other"));
        database.Resume();
        await click;

        page.WaitForAssertion(() => Assert.Equal("# other", page.Find("[data-testid=room-title]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=message]"));
        Assert.Equal(["for the lobby"], (await ChatService.GetHistoryAsync(Alice.Id, Lobby.Id)).Value!.Messages.Select(m => m.Text));
        Assert.Empty((await ChatService.GetHistoryAsync(Alice.Id, other.Id)).Value!.Messages);
    }

    [Fact]
    public async Task ARoomThatCannotBeOpenedSaysSoAndTheTabCanStillGoElsewhere()
    {
        await ChatTestServices.CreateRoomAsync(Services, "other");
        database.FailAtCall(1);

        var page = Render<RoomPage>(p => p.Add(x => x.Slug, Room.LobbySlug));
        page.WaitForAssertion(() => Assert.Contains("could not be opened", page.Find("[data-testid=error-message]").TextContent));

        page.Render(p => p.Add(x => x.Slug, "other"));
        page.WaitForAssertion(() => Assert.Equal("# other", page.Find("[data-testid=room-title]").TextContent.Trim()));
    }

    [Fact]
    public async Task SwitchingRoomsDropsTheUnsentDraft()
    {
        await ChatTestServices.CreateRoomAsync(Services, "random");
        var page = RenderRoom();
        page.Find("textarea[data-testid=message-input]").Change("meant for the lobby only");

        page.Render(p => p.Add(x => x.Slug, "random"));

        page.WaitForAssertion(() => Assert.Equal("# random", page.Find("[data-testid=room-title]").TextContent.Trim()));
        Assert.Equal("", page.Find("textarea[data-testid=message-input]").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task SwitchingRoomsMovesTheSubscription()
    {
        var other = await ChatTestServices.CreateRoomAsync(Services, "random");
        var page = RenderRoom();

        page.Render(p => p.Add(x => x.Slug, "random"));

        page.WaitForAssertion(() => Assert.Equal("# random", page.Find("[data-testid=room-title]").TextContent.Trim()));
        Assert.Equal(0, Events.SubscriberCount<MessageSaved>(EventKey.Room(Lobby.Id)));
        Assert.Equal(1, Events.SubscriberCount<MessageSaved>(EventKey.Room(other.Id)));
    }

    [Fact]
    public async Task SwitchingAToBToAQuicklyNeverShowsOneRoomsMessagesTypingOrPresenceInTheOther()
    {
        var other = await ChatTestServices.CreateRoomAsync(Services, "other");
        var carol = await ChatTestServices.CreateUserAsync(Services, "Carol");
        var typing = Services.GetRequiredService<TypingService>();
        var lobbyTopic = RoomPresenceService.RoomTopic(Lobby.Id);
        await ChatService.SendAsync(Bob.Id, Lobby.Id, Guid.NewGuid(), "said in the lobby");
        await ChatService.SendAsync(Bob.Id, other.Id, Guid.NewGuid(), "said in other");
        Presence.Track(lobbyTopic, Bob.Id, "bob-tab", new PresenceInfo("Bob"));
        typing.SignalTyping(await AccessAsync(Bob.Id, Lobby.Id));

        // The lobby's view is still reading its history (call 2) when the tab moves on, twice.
        var reading = database.PauseAtCall(2);
        var page = Render<RoomPage>(p => p.Add(x => x.Slug, Room.LobbySlug));
        await reading.WaitAsync(TimeSpan.FromSeconds(30));
        page.Render(p => p.Add(x => x.Slug, "other"));
        page.Render(p => p.Add(x => x.Slug, Room.LobbySlug));
        page.Render(p => p.Add(x => x.Slug, "other"));
        database.Resume();
        page.WaitForAssertion(() => Assert.Equal(["said in other"], ShownTexts(page)));

        // The lobby goes on while the tab shows the other room: a message, someone typing, someone coming in.
        await ChatService.SendAsync(Bob.Id, Lobby.Id, Guid.NewGuid(), "later in the lobby");
        typing.SignalTyping(await AccessAsync(carol.Id, Lobby.Id));
        Presence.Track(lobbyTopic, carol.Id, "carol-tab", new PresenceInfo("Carol"));
        // The same in the other room, after it: once these show, the lobby's would have too.
        await ChatService.SendAsync(Bob.Id, other.Id, Guid.NewGuid(), "later in other");
        typing.SignalTyping(await AccessAsync(Bob.Id, other.Id));
        Presence.Track(RoomPresenceService.RoomTopic(other.Id), Bob.Id, "bob-tab", new PresenceInfo("Bob"));

        page.WaitForAssertion(() => Assert.Equal(["said in other", "later in other"], ShownTexts(page)));
        page.WaitForAssertion(() => Assert.Equal(["Bob"], Shown(page, "typing-indicator", "data-users")));
        page.WaitForAssertion(() => Assert.Equal(["Bob"], Shown(page, "presence-event", "data-user")));
        page.WaitForAssertion(() => Assert.Equal(["Alice", "Bob"], Shown(page, "online-user", "data-user").Order()));
        Assert.Equal("# other", Title(page));
        Assert.Equal(0, Events.SubscriberCount<MessageSaved>(EventKey.Room(Lobby.Id)));

        // Back in the lobby: all of it is there, and nothing of the other room.
        page.Render(p => p.Add(x => x.Slug, Room.LobbySlug));
        page.WaitForAssertion(() => Assert.Equal(["said in the lobby", "later in the lobby"], ShownTexts(page)));
        page.WaitForAssertion(() => Assert.Equal(["Bob,Carol"], Shown(page, "typing-indicator", "data-users")));
        page.WaitForAssertion(() => Assert.Equal(["Alice", "Bob", "Carol"], Shown(page, "online-user", "data-user").Order()));
        Assert.Empty(page.FindAll("[data-testid=presence-event]"));
        Assert.Equal(0, Events.SubscriberCount<MessageSaved>(EventKey.Room(other.Id)));
    }
}
