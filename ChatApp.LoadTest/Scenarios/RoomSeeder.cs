using ChatApp.LoadTest.Client;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>
/// Fills a room with messages before a run, as people would: the run's people take turns, a few messages each from a
/// tab of their own that closes afterwards, so the app's per-person send limit (10 per 10 s) is never reached.
/// </summary>
public static class RoomSeeder
{
    private const int PerPerson = 5;

    public static async Task SeedAsync(TabFleet fleet, string room, int messages, CancellationToken cancellationToken)
    {
        for (var k = 0; k * PerPerson < messages; k++)
        {
            var user = fleet.Users[k % fleet.Users.Count];
            if (k >= fleet.Users.Count && k % fleet.Users.Count == 0)
            {
                // Every person has had a turn: let their send budget refill.
                await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            }
            await using var tab = new Tab(-1 - k, user, $"/rooms/{room}", fleet.Options.Tab);
            await tab.OpenAsync(cancellationToken);
            for (var i = k * PerPerson; i < Math.Min(messages, (k + 1) * PerPerson); i++)
            {
                var text = $"Message {i} before the run, about as long as a line of chat.";
                await tab.SendMessageAsync(text, cancellationToken);
                await tab.WaitUntilAsync(d => d.ByTestId("message-text").Any(e => Dom.NodeText.InnerText(e).Trim() == text),
                    TimeSpan.FromSeconds(60), cancellationToken);
            }
        }
    }
}
