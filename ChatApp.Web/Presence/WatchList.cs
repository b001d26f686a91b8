using ChatApp.Core.Chat;
using ChatApp.Core.People;
using ChatApp.Web.Circuits;

namespace ChatApp.Web.Presence;

/// <summary>
/// Per circuit: whom this user has starred, loaded once and reloaded when they star or unstar someone in any tab.
/// </summary>
public sealed class WatchList(PeopleService people, ChatEventBus events, CircuitState circuit) : IDisposable
{
    private IReadOnlySet<string>? watched;
    private IDisposable? changes;

    /// <summary>Raised after a reload, on a background thread: marshal with InvokeAsync.</summary>
    public event Action? Changed;

    public async Task<IReadOnlySet<string>> GetAsync()
    {
        if (circuit.User is not { } user)
        {
            return new HashSet<string>();
        }
        changes ??= events.AccountChanges.Subscribe(async change =>
        {
            if (change.UserId == user.UserId && change.Kind == AccountChangeKind.WatchListChanged)
            {
                watched = await people.WatchedByAsync(user.UserId);
                Changed?.Invoke();
            }
        });
        return watched ??= await people.WatchedByAsync(user.UserId);
    }

    public async Task<ChatError?> SetAsync(string userId, bool watch)
    {
        if (circuit.User is not { } user)
        {
            return new ChatError(ChatErrorKind.NotAllowed, "Sign in to watch people.");
        }
        return await people.SetWatchedAsync(user.UserId, userId, watch);
    }

    public void Dispose() => changes?.Dispose();
}
