using Bunit;
using ChatApp.Core.Chat;
using ChatApp.Web.Components.Pages.Rooms;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>A room page left open keeps a bounded number of messages, and what it dropped can be loaded again.</summary>
public sealed class MessageBoundTests : ChatComponentTest
{
    private static long[] ShownSeqs(IRenderedComponent<RoomView> page) =>
        page.FindAll("[data-testid=message]").Select(e => long.Parse(e.GetAttribute("data-message-id")!)).ToArray();

    private async Task SendAsync(int count, int from)
    {
        for (var i = from; i < from + count; i++)
        {
            Assert.True((await ChatService.SendAsync(i % 2 == 0 ? Alice.Id : Bob.Id, Lobby.Id, Guid.NewGuid(), $"m{i}")).Succeeded);
            Chat.Time.Advance(TimeSpan.FromSeconds(3));
        }
    }

    [Fact]
    public async Task NewMessagesPushTheOldestOutAndLoadOlderBringsThemBack()
    {
        Chat.Options.MaxMessagesInView = 60;
        await SendAsync(50, from: 1);
        var page = Render<RoomView>(p => p.Add(x => x.Slug, Room.LobbySlug));
        page.WaitForAssertion(() => Assert.Equal(50, ShownSeqs(page).Length));
        Assert.Empty(page.FindAll("[data-testid=load-older]"));

        await SendAsync(15, from: 51);

        page.WaitForAssertion(() => Assert.Equal(Enumerable.Range(6, 60).Select(i => (long)i), ShownSeqs(page)));
        page.Find("[data-testid=load-older]").Click();
        page.WaitForAssertion(() => Assert.Equal(Enumerable.Range(1, 65).Select(i => (long)i), ShownSeqs(page)));
        Assert.Empty(page.FindAll("[data-testid=load-older]"));

        await SendAsync(1, from: 66);

        page.WaitForAssertion(() => Assert.Equal(Enumerable.Range(7, 60).Select(i => (long)i), ShownSeqs(page)));
        Assert.Single(page.FindAll("[data-testid=load-older]"));
    }

    [Fact]
    public void TheBoundDefaultsToFiveHundred() => Assert.Equal(500, new ChatOptions().MaxMessagesInView);
}
