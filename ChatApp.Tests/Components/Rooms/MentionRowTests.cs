using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Content;
using ChatApp.Core.Events;
using ChatApp.Web.Components.Pages.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>A message row that mentions someone: highlighted for them alone, with the name of now.</summary>
public sealed class MentionRowTests : ChatComponentTest
{
    private MentionNames Names => Services.GetRequiredService<MentionNames>();

    [Fact]
    public async Task RowIsHighlightedOnlyForTheMentionedViewerAndSharedPerVariant()
    {
        var sent = (await ChatService.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "hey @Bob")).Value!;
        var row = MessageRow.Of(sent);

        var forBob = row.Html(TimeZoneInfo.Utc, "online", Bob.Id, Names).Value;
        var forAlice = row.Html(TimeZoneInfo.Utc, "online", Alice.Id, Names).Value;

        Assert.Contains("data-mentions-me=\"true\"", forBob);
        Assert.DoesNotContain("data-mentions-me", forAlice);
        Assert.Contains(">@Bob</span>", forAlice);
        Assert.Same(forBob, row.Html(TimeZoneInfo.Utc, "online", Bob.Id, Names).Value);
    }

    [Fact]
    public async Task RenameReachesTheSharedRow()
    {
        var sent = (await ChatService.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "hey @Bob")).Value!;
        var row = MessageRow.Of(sent);
        Assert.Contains(">@Bob</span>", row.Html(TimeZoneInfo.Utc, "online", Alice.Id, Names).Value);

        Services.GetRequiredService<IEventBus>().Publish(DisplayNameChanged.Key, new DisplayNameChanged(Bob.Id, "Robert"));

        Assert.Contains(">@Robert</span>", row.Html(TimeZoneInfo.Utc, "online", Alice.Id, Names).Value);
    }

    [Fact]
    public async Task HereHighlightsForEveryReaderButTheAuthor()
    {
        var sent = (await ChatService.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "@here lunch")).Value!;
        var row = MessageRow.Of(sent);

        Assert.Contains("data-mentions-me", row.Html(TimeZoneInfo.Utc, "online", Bob.Id, Names).Value);
        Assert.DoesNotContain("data-mentions-me", row.Html(TimeZoneInfo.Utc, "online", Alice.Id, Names).Value);
    }

    [Fact]
    public async Task ManyTabsRenderingWhileARenameArrivesAllEndWithTheNewName()
    {
        var sent = (await ChatService.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "hey @Bob")).Value!;
        var bus = Services.GetRequiredService<IEventBus>();

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (i == 200)
            {
                bus.Publish(DisplayNameChanged.Key, new DisplayNameChanged(Bob.Id, "Robert"));
            }
            var html = MessageRow.Of(sent).Html(TimeZoneInfo.Utc, i % 2 == 0 ? "online" : "away", i % 3 == 0 ? Bob.Id : Alice.Id, Names).Value;
            Assert.True(html.Contains(">@Bob</span>", StringComparison.Ordinal) || html.Contains(">@Robert</span>", StringComparison.Ordinal), html);
        });

        foreach (var viewer in new[] { Alice.Id, Bob.Id })
        {
            Assert.Contains(">@Robert</span>", MessageRow.Of(sent).Html(TimeZoneInfo.Utc, "online", viewer, Names).Value);
        }
    }
}
