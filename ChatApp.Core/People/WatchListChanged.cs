using ChatApp.Core.Events;

namespace ChatApp.Core.People;

/// <summary>The user starred or unstarred someone: published on that user's key only, so only their tabs reload.</summary>
public sealed record WatchListChanged(string UserId) : ChatEvent;
