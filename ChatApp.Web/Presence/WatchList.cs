using ChatApp.Core.Chat;
using ChatApp.Core.People;
using ChatApp.Web.Circuits;

namespace ChatApp.Web.Presence;

/// <summary>Per circuit: whom this user has starred, loaded once and kept in step with their own changes.</summary>
public sealed class WatchList(PeopleService people, CircuitPresence circuit)
{
    private IReadOnlySet<string>? watched;

    public event Action? Changed;

    public async Task<IReadOnlySet<string>> GetAsync()
    {
        if (watched is null && circuit.User is { } user)
        {
            watched = await people.WatchedByAsync(user.UserId);
        }
        return watched ?? new HashSet<string>();
    }

    public async Task<ChatError?> SetAsync(string userId, bool watch)
    {
        if (circuit.User is not { } user)
        {
            return new ChatError(ChatErrorKind.NotAllowed, "Sign in to watch people.");
        }
        var error = await people.SetWatchedAsync(user.UserId, userId, watch);
        if (error is null)
        {
            watched = await people.WatchedByAsync(user.UserId);
            Changed?.Invoke();
        }
        return error;
    }
}
