using ChatApp.Core.Chat;
using ChatApp.Web.Components.Pages.Rooms;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>A message row's shared markup, asked for by many tabs (circuits) at once.</summary>
public sealed class MessageRowTests
{
    private static readonly string[] Statuses = ["online", "away", "busy", "reconnecting", "offline"];

    [Fact]
    public async Task ManyTabsAskingAtOnceGetTheSameMarkupForTheSameZoneAndStatus()
    {
        var message = new MessageView(7, 1, Guid.NewGuid(), "bob", "Bob", "hello", new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        TimeZoneInfo[] zones = [TimeZoneInfo.Utc, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu"), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")];
        var seen = new System.Collections.Concurrent.ConcurrentBag<(string Zone, string Status, string Markup)>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                var (zone, status) = (zones[(i + thread) % zones.Length], Statuses[(i * 7 + thread) % Statuses.Length]);
                seen.Add((zone.Id, status, MessageRow.Of(message).Html(zone, status).Value));
            }
        })));

        // Each (zone, status) always reads the same, and every combination is held once from now on.
        Assert.All(seen.GroupBy(s => (s.Zone, s.Status)), group => Assert.Single(group.Select(s => s.Markup).Distinct()));
        Assert.Equal(zones.Length * Statuses.Length, seen.Select(s => (s.Zone, s.Status)).Distinct().Count());
        foreach (var zone in zones)
        {
            foreach (var status in Statuses)
            {
                Assert.Same(MessageRow.Of(message).Html(zone, status).Value, MessageRow.Of(message).Html(zone, status).Value);
            }
        }
        Assert.Contains(">17:45</time>", MessageRow.Of(message).Html(zones[1], "online").Value);
        Assert.Contains(">07:00</time>", MessageRow.Of(message).Html(zones[2], "online").Value);
    }
}
