using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using ChatApp.Redis;
using ChatApp.Redis.Events;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatApp.Tests.Backplane.Events;

public sealed class RedisEventBusRegistrationTests : IDisposable
{
    private readonly TestRedis redis = new();

    [Fact]
    public void WithTheBackplaneEveryFeatureGetsTheRedisBusAndNoInProcessOneBesideIt()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(Options.Create(redis.Options()));
        services.AddRedisBackplane();
        services.AddRedisEventBus();
        // A feature's own registration, after the backplane's (as in Program.cs).
        services.AddEventBus();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<RedisEventBus>(provider.GetRequiredService<IEventBus>());
        Assert.Same(provider.GetRequiredService<RedisEventBus>(), provider.GetRequiredService<IEventBus>());
        Assert.Null(provider.GetService<InProcessEventBus>());
    }

    [Fact]
    public async Task ANodeStartedWhileRedisIsDownServesItsOwnTabsAndJoinsWhenRedisComesUp()
    {
        using var server = new PrivateRedisServer();
        server.Kill();
        using var late = new RedisBackplane(Options.Create(new BackplaneOptions { Redis = server.ConnectionString, Prefix = redis.Prefix }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<RedisBackplane>.Instance);
        var bus = new RedisEventBus(late, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider.System);
        var heard = System.Threading.Channels.Channel.CreateUnbounded<string>();
        using var _ = bus.Subscribe<MessageSaved>(EventKey.Room(1), saved =>
        {
            heard.Writer.TryWrite($"{saved.Message.Seq}");
            return Task.CompletedTask;
        }, () =>
        {
            heard.Writer.TryWrite("gap");
            return Task.CompletedTask;
        });

        bus.Publish(EventKey.Room(1), Message(1));
        Assert.True(heard.Reader.TryRead(out var own));
        Assert.Equal("1", own);

        server.Start();
        // Connected at last: what it may have missed is reread, and from then on it hears the others.
        Assert.Equal("gap", await heard.Reader.ReadAsync().AsTask().WaitAsync(RedisBusNodes.Patience));
        using var other = new RedisBackplane(Options.Create(new BackplaneOptions { Redis = server.ConnectionString, Prefix = redis.Prefix }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<RedisBackplane>.Instance);
        var sender = await other.BusAsync();
        sender.Publish(EventKey.Room(1), Message(2));
        string next;
        do
        {
            next = await heard.Reader.ReadAsync().AsTask().WaitAsync(RedisBusNodes.Patience);
        }
        while (next == "gap");
        Assert.Equal("2", next);
    }

    private static MessageSaved Message(long seq) =>
        new(new MessageView(seq, 1, Guid.NewGuid(), "author", "Author", $"m{seq}", DateTimeOffset.UnixEpoch));

    public void Dispose() => redis.Dispose();
}
