using Bunit;
using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Reading;
using ChatApp.Tests.Chat.Reading;
using ChatApp.Web.Components.Pages.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>Reading a room: the divider at the first unread message, marking read, and "jump to latest".</summary>
public sealed class ReadingTests : ChatComponentTest
{
    private ReadingService Reading => Services.GetRequiredService<ReadingService>();

    private IRenderedComponent<RoomView> RenderRoom()
    {
        var page = Render<RoomView>(p => p.Add(x => x.Slug, Room.LobbySlug));
        page.WaitForState(() => page.FindAll("[data-testid=room-title]").Count > 0);
        return page;
    }

    // Live marks wait to be written with the others (ReadMarks): write what is waiting, then read the position.
    private async Task<long?> AlicesPositionAsync()
    {
        await Services.GetRequiredService<ReadMarks>().FlushAsync();
        return await ReadingData.PositionAsync(Services, Alice.Id, Lobby.Id);
    }

    // Marking runs in the background of the view: poll the database (no clock involved, only a bounded wait).
    private async Task PositionBecomesAsync(long expected)
    {
        for (var i = 0; i < 200 && await AlicesPositionAsync() != expected; i++)
        {
            await Task.Delay(50);
        }
        Assert.Equal(expected, await AlicesPositionAsync());
    }

    [Fact]
    public async Task TheDividerStandsBeforeTheFirstMessageThatWasUnreadAndOpeningMarksTheRoomRead()
    {
        await ReadingData.AddMessagesAsync(Services, Lobby.Id, Bob.Id, 3);
        await Reading.MarkReadAsync(AliceInLobby, 3);
        await ReadingData.AddMessagesAsync(Services, Lobby.Id, Alice.Id, 1);
        await ReadingData.AddMessagesAsync(Services, Lobby.Id, Bob.Id, 2);

        var page = RenderRoom();

        // Alice's own message after her position is not "new" to her: the divider is before Bob's first.
        var rows = page.FindAll("[data-testid=message-list] > *").ToList();
        var divider = rows.FindIndex(e => e.GetAttribute("data-testid") == "new-messages-divider");
        Assert.True(divider > 0);
        Assert.Contains("message 5", rows[divider + 1].TextContent);
        await PositionBecomesAsync(6);
    }

    [Fact]
    public async Task ADividerFarBackLoadsOlderPagesUntilItShows()
    {
        await ReadingData.AddMessagesAsync(Services, Lobby.Id, Bob.Id, 10);
        await Reading.MarkReadAsync(AliceInLobby, 10);
        await ReadingData.AddMessagesAsync(Services, Lobby.Id, Bob.Id, 70);

        var page = RenderRoom();

        Assert.Single(page.FindAll("[data-testid=new-messages-divider]"));
        Assert.True(page.FindAll("[data-testid=message]").Count >= 70);
    }

    [Fact]
    public async Task NothingUnreadMeansNoDivider()
    {
        await ReadingData.AddMessagesAsync(Services, Lobby.Id, Bob.Id, 3);
        await Reading.MarkReadAsync(AliceInLobby, 3);

        var page = RenderRoom();

        Assert.Equal(3, page.FindAll("[data-testid=message]").Count);
        Assert.Empty(page.FindAll("[data-testid=new-messages-divider]"));
    }

    [Fact]
    public async Task AReaderScrolledUpGetsJumpToLatestInsteadOfAMovedViewAndJumpingMarksRead()
    {
        await ReadingData.AddMessagesAsync(Services, Lobby.Id, Bob.Id, 3);
        var page = RenderRoom();
        await PositionBecomesAsync(3);
        var list = page.FindComponent<MessageList>();
        await list.Instance.ReadingChanged(readerAtEnd: false, visible: true);

        await ChatService.SendAsync(Bob.Id, Lobby.Id, Guid.NewGuid(), "while scrolled up");
        await ChatService.SendAsync(Bob.Id, Lobby.Id, Guid.NewGuid(), "another");

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=jump-to-latest]").GetAttribute("data-count")));
        // Not seen yet: not read.
        Assert.Equal(3, await AlicesPositionAsync());

        page.Find("[data-testid=jump-to-latest]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=jump-to-latest]")));
        await PositionBecomesAsync(5);
    }

    [Fact]
    public async Task AReaderAtTheEndStaysThereAndNewMessagesCountAsReadButNotWhileTheTabIsHidden()
    {
        var page = RenderRoom();
        await PositionBecomesAsync(0);

        await ChatService.SendAsync(Bob.Id, Lobby.Id, Guid.NewGuid(), "seen");

        await PositionBecomesAsync(1);
        Assert.Empty(page.FindAll("[data-testid=jump-to-latest]"));

        await page.FindComponent<MessageList>().Instance.ReadingChanged(readerAtEnd: true, visible: false);
        await ChatService.SendAsync(Bob.Id, Lobby.Id, Guid.NewGuid(), "not seen: the tab is hidden");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=message]").Count));
        Assert.Equal(1, await AlicesPositionAsync());
        Assert.Empty(page.FindAll("[data-testid=jump-to-latest]"));

        // Shown again, at the end: read.
        await page.FindComponent<MessageList>().Instance.ReadingChanged(readerAtEnd: true, visible: true);
        await PositionBecomesAsync(2);
    }
}
