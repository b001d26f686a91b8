namespace ChatApp.Core.Presence;

public sealed partial class PresenceTracker
{
    /// <summary>
    /// Evicts the key (the user lost access: account locked, removed from a private room, room deleted): every
    /// connection this node has for it leaves, in one topic or (null) in all of them, at once for everyone, without
    /// the leave debounce (that is for tabs closing and reloading). A leave the debounce still holds back (a tab
    /// closed a moment before) ends too. Reads what is tracked now, not the last published snapshot, so a tab
    /// tracked a moment ago goes too. Returns how many metas went.
    /// </summary>
    public int UntrackKey(string key, string? topic = null) =>
        UntrackKey(key, topic is null ? static _ => true : t => t == topic);

    /// <summary>Evicts the key from the topics the filter accepts (see <see cref="UntrackKey(string, string?)"/>).</summary>
    public int UntrackKey(string key, Func<string, bool> inTopic)
    {
        var untracked = 0;
        foreach (var connection in Connections.ConnectionsOfKey(key, inTopic))
        {
            untracked += Untrack(connection.Topic, key, NodeId, connection.ConnectionId, evict: true) ? 1 : 0;
        }
        foreach (var state in topics.Values)
        {
            if (inTopic(state.Name))
            {
                state.EndLeave(key);
            }
        }
        return untracked;
    }

    /// <summary>
    /// Evicts everyone from the topic (the room was deleted): this node's connections and held-back leaves go at
    /// once, as in <see cref="UntrackKey(string, string?)"/>. Returns how many metas went.
    /// </summary>
    public int UntrackTopic(string topic)
    {
        if (!topics.TryGetValue(topic, out var state))
        {
            return 0;
        }
        var untracked = 0;
        foreach (var key in state.Keys())
        {
            untracked += UntrackKey(key, topic);
        }
        return untracked;
    }
}
