using System.Collections.Concurrent;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace ChatApp.Core.Chat.Content;

/// <summary>
/// The current display names of mentioned people, for the one rendering of a message that every tab shares. A name
/// is read from the database the first time a message of this node mentions that person and kept; a rename
/// (<see cref="DisplayNameChanged"/>, from any node) replaces it and raises <see cref="Version"/>, so rows made with
/// the old name are made again. Thread-safe: every circuit renders through it.
/// </summary>
public sealed class MentionNames(IDbContextFactory<ChatDbContext> dbFactory, IEventBus bus) : IHostedService
{
    private readonly ConcurrentDictionary<string, string?> names = new(StringComparer.Ordinal);
    private IDisposable? subscription;
    private long version;

    /// <summary>Changes whenever a known name changes (or every name may have: a lost rename event).</summary>
    public long Version => Interlocked.Read(ref version);

    /// <summary>
    /// The user's display name now, null for no such user. The first look-up of a person on this node reads the
    /// database (a message's row is made once per node and then shared, so this is rare).
    /// </summary>
    public string? NameOf(string userId) => names.GetOrAdd(userId, Load);

    /// <summary>Puts a name known right now (the author's send just matched it), saving the later read.</summary>
    public void Know(string userId, string displayName) => names.TryAdd(userId, displayName);

    public void Renamed(string userId, string displayName)
    {
        if (names.ContainsKey(userId))
        {
            names[userId] = displayName;
            Interlocked.Increment(ref version);
        }
    }

    private string? Load(string userId)
    {
        using var db = dbFactory.CreateDbContext();
        return db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefault();
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = bus.Subscribe<DisplayNameChanged>(DisplayNameChanged.Key,
            changed =>
            {
                Renamed(changed.UserId, changed.DisplayName);
                return Task.CompletedTask;
            },
            onGap: () =>
            {
                // A rename may have been lost: read every name again when next needed.
                names.Clear();
                Interlocked.Increment(ref version);
                return Task.CompletedTask;
            });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }
}
