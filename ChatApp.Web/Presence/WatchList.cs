using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using ChatApp.Core.People;
using ChatApp.Web.Circuits;

namespace ChatApp.Web.Presence;

/// <summary>
/// Per circuit: whom this user has starred, loaded once and reloaded when they star or unstar someone in any tab.
/// </summary>
public sealed class WatchList(PeopleService people, IEventBus events, CircuitState circuit) : IDisposable
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
        // Only this user's stars come on their key; a gap reloads the same way.
        changes ??= events.Subscribe<WatchListChanged>(EventKey.User(user.UserId), _ => ReloadAsync(user.UserId), () => ReloadAsync(user.UserId));
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

    private async Task ReloadAsync(string userId)
    {
        watched = await people.WatchedByAsync(userId);
        Changed?.Invoke();
    }

    public void Dispose() => changes?.Dispose();
}
