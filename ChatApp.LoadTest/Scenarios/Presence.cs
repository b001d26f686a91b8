using System.Globalization;
using ChatApp.LoadTest.Client;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>Presence checks on what the tabs show: everyone of the run who is in a tab's room is listed as online there.</summary>
public static class Presence
{
    /// <summary>People of the fleet with an open tab in each room.</summary>
    public static Dictionary<string, int> PeoplePerRoom(TabFleet fleet) =>
        fleet.OpenTabs.GroupBy(fleet.RoomOf).ToDictionary(g => g.Key, g => g.Select(t => t.User).Distinct().Count());

    /// <summary>The room's online count as the tab shows it (the list itself is virtualized; the count is not).</summary>
    public static int OnlineCount(Tab tab) => tab.Read(d =>
        d.FirstByTestId("online-count") is { } count && int.TryParse(Dom.NodeText.InnerText(count).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1);

    /// <summary>Waits until every open tab shows at least everyone of its room; returns how many do.</summary>
    public static async Task<int> WaitForEveryoneAsync(TabFleet fleet, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var expected = PeoplePerRoom(fleet);
        var results = await Task.WhenAll(fleet.OpenTabs.Select(tab => tab.TryWaitUntilAsync(
            _ => OnlineCount(tab) >= expected[fleet.RoomOf(tab)], timeout, cancellationToken).ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default)));
        return results.Count(ok => ok);
    }
}
