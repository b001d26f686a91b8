using System.Collections.Concurrent;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using ChatApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ChatApp.Tests.Backplane.Presence.ReplicatedNode;

namespace ChatApp.Tests.Integration.Backplane;

/// <summary>
/// Two whole instances on a Redis of the test's own, which crashes and comes back empty: both keep working alone
/// while it is away, and afterwards show the same people, and every message, once.
/// </summary>
public sealed class TwoNodeRedisRestartTests : IAsyncLifetime
{
    private readonly PrivateRedisServer server = new();
    private TwoNodes nodes = default!;

    public Task InitializeAsync()
    {
        nodes = new TwoNodes(new Dictionary<string, string> { ["Backplane:Redis"] = server.ConnectionString });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await nodes.DisposeAsync();
        server.Dispose();
    }

    private static PresenceTracker Presence(IServiceProvider node) => node.GetRequiredService<PresenceTracker>();

    private static string[] Everyone(IServiceProvider node) =>
        [.. Presence(node).List("site", "viewer").Users.SelectMany(u => u.Metas.Select(m => $"{u.Key}@{m.NodeId}")).Order()];

    [Fact]
    public async Task AfterRedisCrashesAndReturnsBothInstancesShowTheSamePeopleAndEveryMessageOnce()
    {
        var (a, b) = (nodes.A.Services, nodes.B.Services);
        var alice = await nodes.A.CreateUserAsync("Alice");
        var bob = await nodes.A.CreateUserAsync("Bob");
        int lobby;
        await using (var scope = a.CreateAsyncScope())
        {
            lobby = await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Rooms.Where(r => r.Slug == "lobby").Select(r => r.Id).SingleAsync();
        }
        var seenOnB = new ConcurrentQueue<string>();
        var chatB = b.GetRequiredService<ChatService>();
        var watch = chatB.WatchRoom(await chatB.OpenAsync(bob.Id, lobby), message =>
        {
            seenOnB.Enqueue(message.Text);
            return Task.CompletedTask;
        });
        Assert.True(watch.Succeeded);
        using var _ = watch.Value;
        Presence(a).Track("site", "alice", "tab-a", new PresenceInfo("Alice"));
        Presence(b).Track("site", "bob", "tab-b", new PresenceInfo("Bob"));
        string[] both = ["alice@node-a", "bob@node-b"];
        await Eventually(() => Everyone(a).SequenceEqual(both) && Everyone(b).SequenceEqual(both), "both instances show both people");

        server.Kill();
        // Alone: a new tab and a message on A, saved as always; B cannot hear of them yet.
        Presence(a).Track("site", "carol", "tab-c", new PresenceInfo("Carol"));
        var sent = await a.GetRequiredService<ChatService>().SendAsync(alice.Id, lobby, Guid.NewGuid(), "said while Redis was away");
        Assert.True(sent.Succeeded);
        server.Start();

        string[] all = ["alice@node-a", "bob@node-b", "carol@node-a"];
        await Eventually(() => Everyone(a).SequenceEqual(all) && Everyone(b).SequenceEqual(all), "both instances show the same three people");
        await Eventually(() => seenOnB.Contains("said while Redis was away"), "the message reaches the room watched on B");
        Assert.Single(seenOnB, text => text == "said while Redis was away");
    }
}
