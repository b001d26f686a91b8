using ChatApp.Core.Presence;
using ChatApp.Redis.Presence;
using ChatApp.Tests.Infrastructure;
using ChatApp.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using static ChatApp.Tests.Backplane.Presence.ReplicatedNode;

namespace ChatApp.Tests.Backplane.Presence;

/// <summary>The app itself, with `Backplane:Redis` set: its presence reaches another node, and it says goodbye on stop.</summary>
public sealed class AppRegistrationTests : IDisposable
{
    private readonly TestRedis redis = new();

    [Fact]
    public async Task AnAppWithRedisSetSharesItsPresenceAndItsUsersLeaveWhenItStops()
    {
        await using var other = await StartAsync("node-b", redis.Options(TimeSpan.FromMinutes(10)));
        var app = new ChatAppFactory();
        app.Settings["Backplane:Redis"] = redis.Server;
        app.Settings["Backplane:Prefix"] = redis.Prefix;
        app.Settings["Presence:NodeId"] = "app-node";
        try
        {
            Assert.IsType<RedisPresenceReplicator>(app.Services.GetRequiredService<IPresenceReplicator>());
            var tracker = app.Services.GetRequiredService<PresenceTracker>();
            other.Track("bob", "b1");
            tracker.Track("site", "alice", "c1", new PresenceInfo("Alice"));

            await Eventually(() => other.User("alice")?.Metas.Single().NodeId == "app-node", "the app's user shows on the other node");
            await Eventually(() => tracker.Get("site", "bob", "carol") is not null, "the other node's user shows in the app");
        }
        finally
        {
            await app.DisposeAsync();
        }

        await Eventually(() => other.Logged(RedisPresenceReplicator.NodeLeft), "the app said goodbye when it stopped",
            detail: () => "; the app logged:\n" + string.Join("\n", app.Logs.Entries
                .Where(e => e.Category.StartsWith("ChatApp.Redis", StringComparison.Ordinal))
                .Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception?.GetType().Name} {e.Exception?.Message}")));
        await other.PassDebounceAsync();
        Assert.Null(other.User("alice"));
    }

    public void Dispose() => redis.Dispose();
}
