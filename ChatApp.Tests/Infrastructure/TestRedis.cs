using ChatApp.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace ChatApp.Tests.Infrastructure;

/// <summary>
/// A test's own corner of the test Redis (<see cref="TestServers.Redis"/>): a prefix no other test uses, so tests
/// running at once never hear each other; its keys are deleted when the test ends. Nodes made from one
/// <see cref="TestRedis"/> share that corner, as the instances of one deployment do.
/// </summary>
public sealed class TestRedis : IDisposable
{
    private readonly List<RedisBackplane> nodes = [];

    public string Prefix { get; } = $"test-{Guid.NewGuid():N}";

    public string Server { get; } = TestServers.Redis;

    public BackplaneOptions Options(TimeSpan? nodeDownAfter = null) => new()
    {
        Redis = Server,
        Prefix = Prefix,
        NodeDownAfter = nodeDownAfter ?? TimeSpan.FromSeconds(15),
    };

    /// <summary>A node's connection to this test's corner.</summary>
    public RedisBackplane Connect(TimeSpan? nodeDownAfter = null)
    {
        var node = NewNode(nodeDownAfter);
        lock (nodes)
        {
            nodes.Add(node);
        }
        return node;
    }

    /// <summary>
    /// Cuts one node's connections on the server side, as a network blip would: the node's pending pub/sub messages are
    /// lost and it reconnects by itself (its <see cref="RedisBackplane.Restored"/> event fires). Other tests' nodes
    /// on the same server are not touched.
    /// </summary>
    public async Task CutOffAsync(RedisBackplane node)
    {
        using var admin = await ConnectionMultiplexer.ConnectAsync($"{Server},allowAdmin=true");
        var server = admin.GetServers()[0];
        foreach (var client in await server.ClientListAsync())
        {
            if (client.Name == node.ClientName)
            {
                await server.ClientKillAsync(client.Id, skipMe: true);
            }
        }
    }

    private RedisBackplane NewNode(TimeSpan? nodeDownAfter = null) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(nodeDownAfter)), NullLogger<RedisBackplane>.Instance);

    public void Dispose()
    {
        using var cleaner = NewNode();
        var server = cleaner.Multiplexer.GetServers()[0];
        foreach (var key in server.Keys(pattern: Prefix + ":*"))
        {
            cleaner.Database.KeyDelete(key);
        }
        lock (nodes)
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }
}
