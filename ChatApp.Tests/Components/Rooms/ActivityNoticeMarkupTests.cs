using System.Collections.Concurrent;
using Bunit;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Web.Components.Pages.Rooms;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>A room's activity in a busy room: what each tab keeps for its notices, and the markup the tabs share.</summary>
public sealed class ActivityNoticeMarkupTests : ChatComponentTest
{
    [Fact]
    public void AFullActivityListFitsATabsRenderBufferOfTwoFramesPerNotice()
    {
        var topic = RoomPresenceService.RoomTopic(Lobby.Id);
        var panel = Render<RoomSidePanel>(p => p.Add(x => x.Access, AliceInLobby).Add(x => x.OpenChanged, _ => { }));
        panel.WaitForState(() => panel.FindAll("[data-testid=online-count]").Count == 1);

        for (var i = 0; i < RoomActivity.MaxNotices; i++)
        {
            Presence.Track(topic, $"guest-{i}", $"guest-{i}-tab", new PresenceInfo($"Guest <{i}>"));
        }
        panel.WaitForAssertion(() => Assert.Equal(RoomActivity.MaxNotices, panel.FindAll("[data-testid=presence-event][data-kind=joined]").Count));

        // In a room of a thousand, every tab's activity is full. As elements it was about 15 frames a notice (1,500,
        // in arrays of 2,048 frames, twice per tab); two frames a notice fit in 256.
        Assert.InRange(RenderBuffers.FrameCount(Renderer, panel.FindComponent<RoomActivity>().ComponentId), 2 * RoomActivity.MaxNotices, 256);
        var last = panel.FindAll("[data-testid=presence-event]")[^1];
        Assert.Equal($"Guest <{RoomActivity.MaxNotices - 1}>", last.GetAttribute("data-user"));
        Assert.Equal($"Guest <{RoomActivity.MaxNotices - 1}> joined", last.QuerySelector("span")!.TextContent);
        Assert.Equal(Chat.Time.GetUtcNow().ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), last.QuerySelector("time")!.TextContent);
    }

    [Fact]
    public async Task TabsSeeingTheSameNoticeInTheSameMinuteShareOneString()
    {
        var local = new DateTime(2026, 11, 30, 12, 3, 0);
        var seen = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                // Seconds differ between tabs; the minute shown does not.
                seen.Add(ActivityNoticeMarkup.Of("Ann & Bob", "joined", local.AddSeconds((i + thread) % 60)));
            }
        })));

        Assert.Single(seen.Distinct(ReferenceEqualityComparer.Instance));
        Assert.Contains("data-user=\"Ann &amp; Bob\"", seen.First());
        Assert.Contains("<time class=\"message-time\">12:03</time>", seen.First());
        Assert.NotSame(seen.First(), ActivityNoticeMarkup.Of("Ann & Bob", "left", local));
        Assert.Contains(">12:04</time>", ActivityNoticeMarkup.Of("Ann & Bob", "joined", local.AddMinutes(1)));
    }
}
