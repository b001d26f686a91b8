namespace ChatApp.Core.People;

/// <summary>The watcher is told when the watched user comes online (a star in the people list).</summary>
public sealed class WatchedUser
{
    public string WatcherId { get; set; } = "";
    public string WatchedId { get; set; } = "";
}
