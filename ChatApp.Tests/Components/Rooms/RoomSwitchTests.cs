using Bunit;
using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using ChatApp.Core.Typing;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Components.Pages.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>Moving to another room before the first one has finished opening.</summary>
public sealed class RoomSwitchTests : ChatComponentTest
{
    private readonly PausingDbContextFactory database = new();

    public RoomSwitchTests()
    {
        Services.AddSingleton<IDbContextFactory<ChatDbContext>>(sp =>
            database.Using(sp.GetRequiredService<DbContextOptions<ChatDbContext>>()));
    }

    [Fact]
    public async Task LeavingARoomWhileItIsStillBeingEnteredLeavesNoTraceOfTheTabInIt()
    {
        var other = await ChatTestServices.CreateRoomAsync(Services, "other");
        // The page opens the room (call 1), subscribes to its messages (call 2), then enters its presence (call 3):
        // hold it there.
        var entering = database.PauseAtCall(3);
        var page = Render<RoomPage>(p => p.Add(x => x.Slug, Room.LobbySlug));
        await entering.WaitAsync(TimeSpan.FromSeconds(30));

        page.Render(p => p.Add(x => x.Slug, "other"));
        database.Resume();
        page.WaitForAssertion(() => Assert.Equal("# other", page.Find("[data-testid=room-title]").TextContent.Trim()));
        Chat.Time.Advance(Chat.Presence.LeaveDebounce);

        Assert.Null(Presence.Get(RoomPresenceService.RoomTopic(Lobby.Id), Alice.Id, Bob.Id));
        Assert.NotNull(Presence.Get(RoomPresenceService.RoomTopic(other.Id), Alice.Id, Bob.Id));
        Assert.Equal(0, Events.SubscriberCount<MessageSaved>(EventKey.Room(Lobby.Id)));
        // Typing is watched on the bus now: the lobby's typing watch is gone, the other room's is there.
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
}
