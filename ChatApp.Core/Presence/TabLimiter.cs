using Microsoft.Extensions.Options;

namespace ChatApp.Core.Presence;

/// <summary>
/// At most <see cref="PresenceOptions.MaxTabsPerUser"/> live tabs (circuits) per account on this instance: each one
/// holds server memory and presence work, so a script opening hundreds must not take the server with it. A singleton,
/// safe from many circuits at once: two tabs opening together never both get the last slot. With several instances,
/// it still knows this instance's tabs (the shared limiter tells it each one), so that it can take over while the
/// shared one is unreachable.
/// </summary>
public sealed class TabLimiter(IOptions<PresenceOptions> options) : ITabLimiter
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, HashSet<string>> tabsByUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> userByTab = new(StringComparer.Ordinal);

    public int MaxTabsPerUser => options.Value.MaxTabsPerUser;

    /// <summary>Takes a slot for the tab; false when the user already has the most tabs allowed. Idempotent per tab.</summary>
    public bool TryOpen(string userId, string connectionId) => Open(userId, connectionId, capped: true);

    /// <summary>Records a tab the shared limiter of all instances let in (it counted this instance's tabs already).</summary>
    public void Add(string userId, string connectionId) => Open(userId, connectionId, capped: false);

    private bool Open(string userId, string connectionId, bool capped)
    {
        lock (gate)
        {
            if (userByTab.ContainsKey(connectionId))
            {
                return true;
            }
            if (!tabsByUser.TryGetValue(userId, out var tabs))
            {
                tabsByUser[userId] = tabs = [];
            }
            if (capped && tabs.Count >= MaxTabsPerUser)
            {
                if (tabs.Count == 0)
                {
                    tabsByUser.Remove(userId);
                }
                return false;
            }
            tabs.Add(connectionId);
            userByTab[connectionId] = userId;
            return true;
        }
    }

    /// <summary>Gives the tab's slot back (it closed); harmless for a tab that holds none.</summary>
    public void Close(string connectionId)
    {
        lock (gate)
        {
            if (!userByTab.Remove(connectionId, out var userId))
            {
                return;
            }
            var tabs = tabsByUser[userId];
            tabs.Remove(connectionId);
            if (tabs.Count == 0)
            {
                tabsByUser.Remove(userId);
            }
        }
    }

    /// <summary>Whose the tab is, if it holds a slot here.</summary>
    public string? UserOf(string connectionId)
    {
        lock (gate)
        {
            return userByTab.GetValueOrDefault(connectionId);
        }
    }

    /// <summary>Every tab open here now, with its user.</summary>
    public IReadOnlyList<(string UserId, string ConnectionId)> Snapshot()
    {
        lock (gate)
        {
            return [.. userByTab.Select(tab => (tab.Value, tab.Key))];
        }
    }

    ValueTask<bool> ITabLimiter.TryOpenAsync(string userId, string connectionId) => ValueTask.FromResult(TryOpen(userId, connectionId));

    ValueTask<int> ITabLimiter.OpenTabsAsync(string userId) => ValueTask.FromResult(OpenTabs(userId));

    /// <summary>How many tabs the user has open here now.</summary>
    public int OpenTabs(string userId)
    {
        lock (gate)
        {
            return tabsByUser.TryGetValue(userId, out var tabs) ? tabs.Count : 0;
        }
    }
}
