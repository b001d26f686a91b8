using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace ChatApp.Core.Chat;

/// <summary>
/// In-process fan-out of one kind of event to every subscribed circuit. Handlers are started without waiting for
/// each other: one slow or failing tab never holds up the rest.
/// </summary>
public sealed class Broadcast<T>(ILogger logger)
{
    private ImmutableList<Func<T, Task>> handlers = [];

    public int SubscriberCount => handlers.Count;

    public IDisposable Subscribe(Func<T, Task> handler)
    {
        ImmutableInterlocked.Update(ref handlers, static (list, h) => list.Add(h), handler);
        return new Subscription(() => ImmutableInterlocked.Update(ref handlers, static (list, h) => list.Remove(h), handler));
    }

    public void Publish(T item)
    {
        var subscribers = handlers;
        // The first link of every live update: if a tab missed one, this says whether it was ever sent.
        logger.LogDebug(LiveEventIds.Published, "Publishing {Event} to {Subscribers} subscribers", item, subscribers.Count);
        foreach (var handler in subscribers)
        {
            _ = Deliver(logger, handler, item);
        }
    }

    internal static async Task Deliver(ILogger logger, Func<T, Task> handler, T item)
    {
        try
        {
            await handler(item);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A subscriber failed to take {Event}", item);
        }
    }
}

public enum RoomChangeKind
{
    Created,
    Updated,
    Deleted,
    MemberAdded,
    MemberRemoved,
}

/// <summary>A room was created, edited, archived, deleted, or someone was added to or removed from it.</summary>
public sealed record RoomChange(int RoomId, RoomChangeKind Kind, string? UserId = null);

public enum AccountChangeKind
{
    Locked,
    Unlocked,
    Deleted,
    RolesChanged,
    WatchListChanged,
}

public sealed record AccountChange(string UserId, AccountChangeKind Kind);
