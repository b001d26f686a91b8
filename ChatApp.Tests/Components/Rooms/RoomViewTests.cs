using Bunit;
using ChatApp.Core.Events;
using ChatApp.Core.Chat;
using ChatApp.Core.Presence;
using ChatApp.Core.Typing;
using ChatApp.Core.Data;
using ChatApp.Core.Rooms;
using ChatApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ChatApp.Web.Components.Pages.Rooms;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>One room, shown: its history, live messages, sending, and who may see it.</summary>
public sealed class RoomViewTests : ChatComponentTest
{
    private readonly PausingDbContextFactory database;

    public RoomViewTests() => database = UsePausingDatabase();

    private IRenderedComponent<RoomView> RenderRoom(string slug = Room.LobbySlug)
    {
        var page = Render<RoomView>(p => p.Add(x => x.Slug, slug));
        page.WaitForState(() => page.FindAll("[data-testid=room-title], [data-testid=not-found], [data-testid=access-denied]").Count > 0);
        return page;
    }

    private static string WithoutHandlerIds(string markup) =>
        System.Text.RegularExpressions.Regex.Replace(markup, "blazor:on[a-z]+=\"\\d+\"", "");

    private static string[] ShownTexts(IRenderedComponent<RoomView> page) =>
        page.FindAll("[data-testid=message] [data-testid=message-text]").Select(e => e.TextContent).ToArray();

    [Fact]
    public async Task ShowsTheRoomHistoryOldestFirst()
    {
        await ChatService.SendAsync(Bob.Id, Lobby.Id, Guid.NewGuid(), "first");
        await ChatService.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "second");

        var page = RenderRoom();

        Assert.Equal("# Lobby", page.Find("[data-testid=room-title]").TextContent.Trim());
        Assert.Equal(["first", "second"], ShownTexts(page));
        Assert.Equal(["Bob", "Alice"], page.FindAll("[data-testid=message]").Select(e => e.GetAttribute("data-author")));
        Assert.Empty(page.FindAll("[data-testid=load-older]"));
    }

    [Fact]
    public async Task LoadOlderPagesBackThroughHistory()
    {
        for (var i = 0; i < 55; i++)
        {
            await ChatService.SendAsync(i % 2 == 0 ? Alice.Id : Bob.Id, Lobby.Id, Guid.NewGuid(), $"m{i}");
            Chat.Time.Advance(TimeSpan.FromSeconds(3));
        }
        var page = RenderRoom();
        Assert.Equal(50, ShownTexts(page).Length);
        Assert.Equal("m5", ShownTexts(page)[0]);

        page.Find("[data-testid=load-older]").Click();

        page.WaitForAssertion(() => Assert.Equal(Enumerable.Range(0, 55).Select(i => $"m{i}"), ShownTexts(page)));
        Assert.Empty(page.FindAll("[data-testid=load-older]"));
    }

    [Fact]
    public async Task SendingStoresTheMessageShowsItAndClearsTheInput()
    {
        var page = RenderRoom();

        page.Find("textarea[data-testid=message-input]").Change("hello lobby");
        page.Find("[data-testid=send-button]").Click();

        page.WaitForAssertion(() => Assert.Equal(["hello lobby"], ShownTexts(page)));
        Assert.Equal("", page.Find("textarea[data-testid=message-input]").GetAttribute("value") ?? "");
        var stored = (await ChatService.GetHistoryAsync(Bob.Id, Lobby.Id)).Value!.Messages;
        Assert.Equal(["hello lobby"], stored.Select(m => m.Text));
    }

    [Fact]
    public async Task TooLongMessageShowsAnErrorKeepsTheDraftAndSavesNothing()
    {
        var page = RenderRoom();
        var tooLong = new string('x', 4001);

        page.Find("textarea[data-testid=message-input]").Change(tooLong);
        page.Find("[data-testid=send-button]").Click();

        page.WaitForAssertion(() => Assert.Contains("at most 4,000 characters", page.Find("[data-testid=error-message]").TextContent));
        Assert.Equal(tooLong, page.Find("textarea[data-testid=message-input]").GetAttribute("value"));
        Assert.Empty((await ChatService.GetHistoryAsync(Bob.Id, Lobby.Id)).Value!.Messages);
        Assert.Empty(ShownTexts(page));
    }

    [Fact]
    public void EmptyMessageShowsAnError()
    {
        var page = RenderRoom();

        page.Find("textarea[data-testid=message-input]").Change("   ");
        page.Find("[data-testid=send-button]").Click();

        page.WaitForAssertion(() => Assert.Contains("cannot be empty", page.Find("[data-testid=error-message]").TextContent));
    }

    [Fact]
    public async Task MessageFromSomeoneElseAppearsLive()
    {
        var page = RenderRoom();

        await ChatService.SendAsync(Bob.Id, Lobby.Id, Guid.NewGuid(), "hi Alice");

        page.WaitForAssertion(() => Assert.Equal(["hi Alice"], ShownTexts(page)));
        Assert.Equal("Bob", page.Find("[data-testid=message]").GetAttribute("data-author"));
    }

    [Fact]
    public async Task OwnMessageIsShownOnceThoughItAlsoArrivesFromTheBus()
    {
        var page = RenderRoom();

        page.Find("textarea[data-testid=message-input]").Change("just once");
        page.Find("[data-testid=send-button]").Click();
        await ChatService.SendAsync(Bob.Id, Lobby.Id, Guid.NewGuid(), "after");

        page.WaitForAssertion(() => Assert.Equal(["just once", "after"], ShownTexts(page)));
    }

    [Fact]
    public async Task MarkupInAMessageIsShownAsText()
    {
        await ChatService.SendAsync(Bob.Id, Lobby.Id, Guid.NewGuid(), "<b>not bold</b><img src=x onerror=alert(1)>");

        var page = RenderRoom();

        var text = page.Find("[data-testid=message-text]");
        Assert.Equal("<b>not bold</b><img src=x onerror=alert(1)>", text.TextContent);
        // Only the paragraph the formatted text is in (MessageMarkdown): none of the typed markup.
        Assert.Equal(["P"], text.QuerySelectorAll("*").Select(e => e.TagName));
    }

    [Fact]
    public async Task SubscribesWhileShownAndUnsubscribesOnDispose()
    {
        RenderRoom();
        Assert.Equal(1, Events.SubscriberCount<MessageSaved>(EventKey.Room(Lobby.Id)));

        await DisposeComponentsAsync();

        Assert.Equal(0, Events.SubscriberCount<MessageSaved>(EventKey.Room(Lobby.Id)));
    }

    [Fact]
    public async Task TypingInTheComposerSignalsOthers()
    {
        var page = RenderRoom();
        var typing = Services.GetRequiredService<TypingService>();

        // The browser reports keystrokes as the box's length (Composer.razor.js); the text travels only with a send.
        var composer = page.FindComponent<Composer>();
        await composer.InvokeAsync(() => composer.Instance.OnDraftInput(3));

        page.WaitForAssertion(() => Assert.Equal(["Alice"], typing.TypingIn(Lobby.Id).Select(t => t.DisplayName)));
        Assert.Empty(page.FindAll("[data-testid=typing-indicator]"));
    }

    [Fact]
    public async Task AdminWhoLosesTheRoleIsShutOutOfAPrivateRoomAtOnce()
    {
        var secret = await ChatTestServices.CreateRoomAsync(Services, "secret", isPrivate: true);
        var admin = Services.GetRequiredService<ChatApp.Core.Admin.AccountAdministration>();
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ChatApp.Core.Data.ChatUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(Alice.Id))!, ChatService.AdminRole);
            await users.AddToRoleAsync((await users.FindByIdAsync(Bob.Id))!, ChatService.AdminRole);
        }
        var page = RenderRoom("secret");
        Assert.NotNull(page.Find("[data-testid=room-title]"));

        Assert.Null(await admin.SetAdminAsync(Bob.Id, Alice.Id, false));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=access-denied]")));
        Assert.Equal(0, Events.SubscriberCount<MessageSaved>(EventKey.Room(secret.Id)));
    }

    [Fact]
    public async Task AMemberRemovedWhileTheRoomIsOpenIsShutOutAndLeavesItsPresenceAtOnce()
    {
        var secret = await ChatTestServices.CreateRoomAsync(Services, "secret", isPrivate: true);
        await ChatTestServices.AddMemberAsync(Services, secret, Alice);
        await ChatTestServices.MakeAdminAsync(Services, Bob);
        var page = RenderRoom("secret");
        var topic = RoomPresenceService.RoomTopic(secret.Id);
        page.WaitForAssertion(() => Assert.NotNull(Presence.Get(topic, Alice.Id, Bob.Id)));

        Assert.Null(await Services.GetRequiredService<ChatApp.Core.Admin.RoomAdministration>().RemoveMemberAsync(Bob.Id, secret.Id, Alice.Id));

        page.WaitForAssertion(() => Assert.Contains("no longer have access", page.Find("[data-testid=access-denied]").TextContent));
        // At once, not after the leave debounce.
        Assert.Null(Presence.Get(topic, Alice.Id, Bob.Id));
        Assert.Equal(0, Events.SubscriberCount<MessageSaved>(EventKey.Room(secret.Id)));
        Assert.Equal(0, Events.SubscriberCount<TypingChanged>(EventKey.Room(secret.Id)));
    }

    [Fact]
    public async Task ARoomDeletedWhileOpenSaysSoAndSendsTheTabToTheLobby()
    {
        var doomed = await ChatTestServices.CreateRoomAsync(Services, "doomed");
        await ChatTestServices.MakeAdminAsync(Services, Bob);
        var page = RenderRoom("doomed");
        page.WaitForAssertion(() => Assert.NotNull(Presence.Get(RoomPresenceService.RoomTopic(doomed.Id), Alice.Id, Bob.Id)));

        Assert.Null(await Services.GetRequiredService<ChatApp.Core.Admin.RoomAdministration>().DeleteRoomAsync(Bob.Id, doomed.Id));

        page.WaitForAssertion(() => Assert.EndsWith("/rooms/lobby", Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>().Uri));
        Assert.NotNull(page.Find("[data-testid=access-denied]"));
        Assert.Equal(0, Presence.TopicCount);
    }

    [Fact]
    public void UnknownRoomShowsNotFound()
    {
        var page = RenderRoom("nowhere");

        Assert.NotNull(page.Find("[data-testid=not-found]"));
        Assert.Equal(0, Events.SubscriberCount<MessageSaved>(EventKey.Room(Lobby.Id)));
    }

    [Fact]
    public async Task PrivateRoomShowsAccessDeniedToNonMembers()
    {
        var secret = await ChatTestServices.CreateRoomAsync(Services, "secret", isPrivate: true);
        await ChatTestServices.AddMemberAsync(Services, secret, Bob);
        Assert.True((await ChatService.SendAsync(Bob.Id, secret.Id, Guid.NewGuid(), "top secret plans")).Succeeded);

        var page = RenderRoom("secret");

        Assert.NotNull(page.Find("[data-testid=access-denied]"));
        Assert.DoesNotContain("top secret plans", page.Markup);
        Assert.Equal(0, Events.SubscriberCount<MessageSaved>(EventKey.Room(secret.Id)));
    }

    [Fact]
    public async Task PrivateRoomLooksExactlyLikeAnUnknownOneToNonMembers()
    {
        await ChatTestServices.CreateRoomAsync(Services, "secret", isPrivate: true);

        var secret = WithoutHandlerIds(RenderRoom("secret").Markup);
        var nowhere = WithoutHandlerIds(RenderRoom("nowhere").Markup);

        Assert.Equal(nowhere.Replace("nowhere", "secret"), secret);
        Assert.Contains("data-testid=\"access-denied\"", secret);
        Assert.Contains("data-testid=\"not-found\"", secret);
    }

    [Fact]
    public void TheViewerSeesThemselfInTheRoomsOnlineList()
    {
        var page = RenderRoom();

        page.WaitForAssertion(() => Assert.Equal("Alice", page.Find("[data-testid=online-user]").GetAttribute("data-user")));
        Assert.Equal("1", page.Find("[data-testid=online-count]").TextContent.Trim());
        Assert.Equal(1, Presence.Get(RoomPresenceService.RoomTopic(Lobby.Id), Alice.Id, Bob.Id)?.ConnectionCount);
    }

    [Fact]
    public async Task ARoomRenamedWhileItIsBeingOpenedShowsItsNewName()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ChatUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(Bob.Id))!, ChatService.AdminRole);
        }
        // The view has the room and watches it (call 1); hold it while it reads the history (call 2).
        var reading = database.PauseAtCall(2);
        var page = Render<RoomView>(p => p.Add(x => x.Slug, Room.LobbySlug));
        await reading.WaitAsync(TimeSpan.FromSeconds(30));

        var admin = Services.GetRequiredService<ChatApp.Core.Admin.RoomAdministration>();
        Assert.Null(await admin.UpdateRoomAsync(Bob.Id, Lobby.Id, "Front porch", "Wipe your feet"));
        database.Resume();

        page.WaitForAssertion(() => Assert.Equal("# Front porch", page.Find("[data-testid=room-title]").TextContent.Trim()));
        Assert.Equal("Wipe your feet", page.Find("[data-testid=room-topic]").TextContent.Trim());
    }
}
