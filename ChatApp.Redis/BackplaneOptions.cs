namespace ChatApp.Redis;

/// <summary>
/// The `Backplane` section: where the instances of one deployment meet. Empty <see cref="Redis"/> means one instance
/// with everything in process (the default); set, every instance shares presence, messages, events, limits and the
/// data-protection key ring through that Redis.
/// </summary>
public sealed class BackplaneOptions
{
    public const string SectionName = "Backplane";

    /// <summary>A StackExchange.Redis connection string (e.g. <c>127.0.0.1:6379</c>); empty: in-process.</summary>
    public string? Redis { get; set; }

    /// <summary>
    /// Put before every channel and key this deployment uses (<c>{Prefix}:room:7</c>), so that several deployments,
    /// or tests running at once, can share one Redis without hearing each other.
    /// </summary>
    public string Prefix { get; set; } = "chatapp";

    /// <summary>
    /// A node whose lease has not been renewed for this long is taken as gone: its presences leave on every other
    /// node (after their leave debounce).
    /// </summary>
    public TimeSpan NodeDownAfter { get; set; } = TimeSpan.FromSeconds(15);

    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);
}
