using Bunit;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Web.Components.Pages.Rooms;
using ChatApp.Web.Components.Presence;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>Every message's author carries a live presence dot, from one listener for the whole list.</summary>
public sealed class MessageListPresenceTests : ChatComponentTest
{
    private const string Site = RoomPresenceService.SiteTopic;

    private IRenderedComponent<MessageList> RenderList(params (ChatUser Author, string Text)[] messages)
    {
        var list = new RoomMessages(500);
        var seq = 0;
        foreach (var (author, text) in messages)
        {
            list.AddNew(new MessageView(++seq, Lobby.Id, Guid.NewGuid(), author.Id, author.DisplayName, text, DateTimeOffset.UnixEpoch));
        }
        return Render<MessageList>(p => p.Add(x => x.Messages, list));
    }

    private static string[] Dots(IRenderedComponent<MessageList> list, string author) =>
        list.FindAll($"[data-testid=message][data-author={author}] [data-testid=user-presence]")
            .Select(dot => dot.GetAttribute("data-status")!).ToArray();

    [Fact]
    public void EachAuthorsDotFollowsTheirStatus()
    {
        Presence.Track(Site, Alice.Id, "alice-tab", new PresenceInfo("Alice"));
        var list = RenderList((Bob, "hi"), (Alice, "hello"), (Bob, "how are you?"));
        Assert.Equal(["offline", "offline"], Dots(list, "Bob"));
        Assert.Equal(["online"], Dots(list, "Alice"));

        Presence.Track(Site, Bob.Id, "bob-tab", new PresenceInfo("Bob"));
        list.WaitForAssertion(() => Assert.Equal(["online", "online"], Dots(list, "Bob")));

        Presence.SetStatus(Bob.Id, PresenceStatus.Busy);
        list.WaitForAssertion(() => Assert.Equal(["busy", "busy"], Dots(list, "Bob")));
        Assert.Equal(["online"], Dots(list, "Alice"));
    }

    [Fact]
    public void TheListHoldsNoComponentPerMessage()
    {
        var list = RenderList(Enumerable.Range(0, 50).Select(i => (i % 2 == 0 ? Alice : Bob, $"message {i}")).ToArray());

        Assert.Equal(50, list.FindAll("[data-testid=message] [data-testid=user-presence]").Count);
        // A component per row was what a tab's memory went on: fifty components and fifty subscriptions per room.
        Assert.Empty(list.FindComponents<UserPresence>());
        Assert.Single(list.FindComponents<LiveStatuses>());
    }

    [Fact]
    public void FiftyMessagesFitATabsSmallestRenderBufferForTheirSize()
    {
        var list = RenderList(Enumerable.Range(0, 50).Select(i => (i % 2 == 0 ? Alice : Bob, $"message {i}")).ToArray());

        // Every open tab keeps the rows' frames twice (current and previous render) in arrays rented by powers of two.
        // Two frames a row (a keyed element and the row's shared markup) fit 50 rows in 128 frames; eight a row (an
        // element with four attributes, the scope attribute and two markup blocks) needed 512.
        Assert.InRange(RenderBuffers.FrameCount(Renderer, list.FindComponent<LiveStatuses>().ComponentId), 100, 128);
        Assert.Equal(50, list.FindAll("[data-testid=message] [data-testid=message-text]").Count);
        Assert.Equal(["1", "2", "3"], list.FindAll("[data-testid=message]").Take(3).Select(m => m.GetAttribute("data-message-id")!));
    }

    [Fact]
    public void TextAndNamesThatLookLikeHtmlShowAsTextWithTheirLineBreaks()
    {
        const string text = "<script>alert(1)</script>\n<img src=x onerror=alert(2)> & \"quotes\" 'too'\nthird line";
        // Only the name matters to the list (account rules on names are not what this looks at).
        var mallory = new ChatUser { Id = "mallory", DisplayName = "<img src=x onerror=alert(3)> \"Mal\" & co" };
        var list = RenderList((mallory, text));

        var message = list.Find("[data-testid=message]");
        Assert.Equal(text, message.QuerySelector("[data-testid=message-text]")!.TextContent);
        Assert.Equal(mallory.DisplayName, message.GetAttribute("data-author"));
        Assert.Equal(mallory.DisplayName, message.QuerySelector(".message-author")!.TextContent);
        Assert.Equal(mallory.DisplayName, message.QuerySelector("[data-testid=user-presence]")!.GetAttribute("data-user"));
        Assert.Empty(list.FindAll("script, img, [onerror]"));
    }

    [Fact]
    public void TabsShowingAMessageShareItsMarkup()
    {
        var message = new MessageView(1, Lobby.Id, Guid.NewGuid(), Bob.Id, "Bob", "hello", new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero));
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu");

        Assert.Same(MessageRow.Of(message), MessageRow.Of(message));
        // The same string object, so every tab's diff of an unchanged row stops at a reference comparison.
        Assert.Same(MessageRow.Of(message).Html(zone, "online").Value, MessageRow.Of(message).Html(zone, "online").Value);
        Assert.Contains(">05:45</time>", MessageRow.Of(message).Html(zone, "online").Value);
        Assert.Contains(">00:00</time>", MessageRow.Of(message).Html(TimeZoneInfo.Utc, "online").Value);
        Assert.Contains("data-status=\"busy\"", MessageRow.Of(message).Html(zone, "busy").Value);
    }

    [Fact]
    public void SomeoneWhoIsNotShownDoesNotRedrawTheList()
    {
        var list = RenderList((Alice, "hello"));
        var statuses = list.FindComponent<LiveStatuses>();
        var renders = statuses.RenderCount;

        Presence.Track(Site, Bob.Id, "bob-tab", new PresenceInfo("Bob"));
        Presence.Track(Site, Alice.Id, "alice-tab", new PresenceInfo("Alice"));

        list.WaitForAssertion(() => Assert.Equal(["online"], Dots(list, "Alice")));
        // Alice's change redrew it once; Bob's, before it, not at all (both arrive in order on the presence thread).
        Assert.Equal(renders + 1, statuses.RenderCount);
    }
}
