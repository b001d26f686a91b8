using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatApp.Redis;

/// <summary>
/// This node's one connection to the shared Redis (StackExchange.Redis multiplexes every command and subscription
/// over it), with the deployment's prefix for channels and keys. The app starts and keeps working while Redis is
/// down: the multiplexer retries in the background, and whoever needs to know (the bus, presence, limits, health)
/// watches <see cref="IsConnected"/> and the <see cref="Restored"/> / <see cref="Lost"/> events.
/// </summary>
public sealed class RedisBackplane : IDisposable
{
    public static readonly EventId RedisLost = new(1600, "RedisLost");
    public static readonly EventId RedisRestored = new(1601, "RedisRestored");

    private readonly ILogger<RedisBackplane> logger;
    private readonly string prefix;

    public RedisBackplane(IOptions<BackplaneOptions> options, ILogger<RedisBackplane> logger)
    {
        this.logger = logger;
        var settings = options.Value;
        if (!settings.Enabled)
        {
            throw new InvalidOperationException("The Redis backplane needs 'Backplane:Redis' (a Redis connection string).");
        }
        prefix = settings.Prefix.TrimEnd(':') + ":";
        NodeDownAfter = settings.NodeDownAfter;
        var configuration = ConfigurationOptions.Parse(settings.Redis!);
        // Start without Redis and keep retrying: a node must serve its own tabs while Redis is away.
        configuration.AbortOnConnectFail = false;
        // Recognisable in CLIENT LIST (an operator's view, and how tests cut one node off).
        ClientName = configuration.ClientName = Name($"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..^24]);
        Multiplexer = ConnectionMultiplexer.Connect(configuration);
        Multiplexer.ConnectionFailed += OnConnectionFailed;
        Multiplexer.ConnectionRestored += OnConnectionRestored;
        if (!Multiplexer.IsConnected)
        {
            logger.RedisLost(null, string.Join(", ", configuration.EndPoints), "not reachable at start-up");
        }
    }

    public IConnectionMultiplexer Multiplexer { get; }

    /// <summary>This connection's name on the Redis server (unique per node and start).</summary>
    public string ClientName { get; }

    public TimeSpan NodeDownAfter { get; }

    public bool IsConnected => Multiplexer.IsConnected;

    /// <summary>The connection came back (each time): republish what others may have missed, re-read what we did.</summary>
    public event Action? Restored;

    /// <summary>The connection was lost (each time).</summary>
    public event Action? Lost;

    /// <summary>
    /// The connection is about to close for good (the app stops): the last moment to tell the other nodes, whatever
    /// order the host stops and disposes its services in. Handlers run synchronously, one after another.
    /// </summary>
    public event Action? Closing;

    public IDatabase Database => Multiplexer.GetDatabase();

    public ISubscriber Subscriber => Multiplexer.GetSubscriber();

    /// <summary>This deployment's name for a channel or key: <c>{prefix}{name}</c>.</summary>
    public string Name(string name) => prefix + name;

    public RedisChannel Channel(string name) => RedisChannel.Literal(Name(name));

    /// <summary>Every channel of this deployment that starts with <paramref name="namePrefix"/>.</summary>
    public RedisChannel ChannelPattern(string namePrefix) => RedisChannel.Pattern(Name(namePrefix) + "*");

    public RedisKey Key(string name) => Name(name);

    /// <summary>The part of a channel's name after this deployment's prefix.</summary>
    public string Unprefixed(RedisChannel channel)
    {
        var name = channel.ToString();
        return name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
    }

    // Only the interactive connection counts: the subscription connection fails and comes back with it.
    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Interactive)
        {
            return;
        }
        logger.RedisLost(e.Exception, e.EndPoint?.ToString(), e.FailureType.ToString());
        Lost?.Invoke();
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Interactive)
        {
            return;
        }
        logger.RedisRestored(e.EndPoint?.ToString());
        Restored?.Invoke();
    }

    public void Dispose()
    {
        Closing?.Invoke();
        Multiplexer.Dispose();
    }
}
