using System.Threading.Channels;
using ChatApp.Redis;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatApp.Tests.Backplane;

/// <summary>The one Redis connection of a node, on a real Redis: what every part of the backplane stands on.</summary>
public sealed class RedisBackplaneTests : IDisposable
{
    private readonly TestRedis redis = new();

    [Fact]
    public async Task NodesOfOneDeploymentHearEachOther()
    {
        var a = redis.Connect();
        var b = redis.Connect();
        var heard = Channel.CreateUnbounded<string>();
        await b.Subscriber.SubscribeAsync(b.Channel("room:1"), (channel, value) => heard.Writer.TryWrite($"{b.Unprefixed(channel)} {value}"));

        await a.Subscriber.PublishAsync(a.Channel("room:1"), "hello");

        Assert.Equal("room:1 hello", await heard.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AnotherDeploymentOnTheSameRedisHearsNothing()
    {
        using var other = new TestRedis();
        var ours = redis.Connect();
        var theirs = other.Connect();
        var heard = Channel.CreateUnbounded<string>();
        await theirs.Subscriber.SubscribeAsync(theirs.ChannelPattern(""), (_, value) => heard.Writer.TryWrite(value!));
        await ours.Subscriber.SubscribeAsync(ours.ChannelPattern(""), (_, value) => heard.Writer.TryWrite("ours " + value));

        await ours.Subscriber.PublishAsync(ours.Channel("room:1"), "private");
        await theirs.Subscriber.PublishAsync(theirs.Channel("room:1"), "theirs");

        // Each side's pattern hears its own message only: ours first or theirs first, never the other's.
        var messages = new[] { await heard.Reader.ReadAsync(), await heard.Reader.ReadAsync() };
        Assert.Equal(["ours private", "theirs"], messages.Order());
        await Task.Delay(200);
        Assert.False(heard.Reader.TryRead(out var extra), $"a deployment heard another's message: {extra}");
    }

    [Fact]
    public void ANodeStartsWhileRedisIsDownAndSaysSo()
    {
        var logs = new LogCollector();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        // Port 1 on loopback: nothing listens there.
        var options = Options.Create(new BackplaneOptions { Redis = "127.0.0.1:1,connectTimeout=200", Prefix = redis.Prefix });

        using var node = new RedisBackplane(options, loggers.CreateLogger<RedisBackplane>());

        Assert.False(node.IsConnected);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.EventId == RedisBackplane.RedisLost);
    }

    [Fact]
    public async Task ANodeCutOffFromRedisComesBackAndSaysSo()
    {
        var node = redis.Connect();
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Restored += () => restored.TrySetResult();

        await redis.CutOffAsync(node);

        await restored.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(node.IsConnected);
    }

    [Fact]
    public async Task ANodeOutlivesARedisCrashAndReconnectsWhenItReturns()
    {
        using var server = new PrivateRedisServer();
        var node = new RedisBackplane(Options.Create(new BackplaneOptions { Redis = server.ConnectionString, Prefix = redis.Prefix }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<RedisBackplane>.Instance);
        using var _ = node;
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Lost += () => lost.TrySetResult();
        node.Restored += () => restored.TrySetResult();
        Assert.True(node.IsConnected);

        server.Kill();
        await lost.Task.WaitAsync(TimeSpan.FromSeconds(30));
        server.Start();

        await restored.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("PONG", (await node.Database.ExecuteAsync("PING")).ToString());
    }

    public void Dispose() => redis.Dispose();
}
