using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Presence.Activity;

public sealed class RoomPresenceServiceTests : IAsyncLifetime
{
    private readonly ChatTestServices chat = new();
    private ServiceProvider provider = default!;
    private RoomPresenceService rooms = default!;
    private PresenceTracker tracker = default!;
    private ChatUser alice = default!;
    private ChatUser bob = default!;
    private Room secret = default!;

    public async Task InitializeAsync()
    {
        provider = await ChatTestServices.StartAsync(chat);
        rooms = provider.GetRequiredService<RoomPresenceService>();
        tracker = provider.GetRequiredService<PresenceTracker>();
        alice = await ChatTestServices.CreateUserAsync(provider, "Alice");
        bob = await ChatTestServices.CreateUserAsync(provider, "Bob");
        secret = await ChatTestServices.CreateRoomAsync(provider, "secret", isPrivate: true);
        await ChatTestServices.AddMemberAsync(provider, secret, alice);
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await chat.DisposeAsync();
    }

    [Fact]
    public async Task MemberIsTrackedInAPrivateRoomAndSeesWhoIsThere()
    {
        Assert.Null(await rooms.EnterAsync(alice.Id, secret.Id, "a1", new PresenceInfo("Alice")));

        var watch = await rooms.WatchAsync(alice.Id, secret.Id, _ => Task.CompletedTask);

        Assert.True(watch.Succeeded);
        using var subscription = watch.Value!;
        Assert.Equal(["Alice"], subscription.Initial.Users.Select(u => u.DisplayName));
    }

    [Fact]
    public async Task NonMemberIsNeitherTrackedNorToldWhoIsThere()
    {
        await rooms.EnterAsync(alice.Id, secret.Id, "a1", new PresenceInfo("Alice"));

        var entered = await rooms.EnterAsync(bob.Id, secret.Id, "b1", new PresenceInfo("Bob"));
        var watch = await rooms.WatchAsync(bob.Id, secret.Id, _ => Task.CompletedTask);

        Assert.Equal(ChatErrorKind.NotAllowed, entered?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, watch.Error?.Kind);
        Assert.Null(tracker.Get(RoomPresenceService.RoomTopic(secret.Id), bob.Id, alice.Id));
    }

    [Fact]
    public async Task LeavingUntracksOnlyThatTab()
    {
        var lobby = await ChatTestServices.LobbyAsync(provider);
        await rooms.EnterAsync(alice.Id, lobby.Id, "a1", new PresenceInfo("Alice"));
        await rooms.EnterAsync(alice.Id, lobby.Id, "a2", new PresenceInfo("Alice"));

        rooms.Leave(alice.Id, lobby.Id, "a1");
        rooms.Leave(alice.Id, lobby.Id, "a1");

        Assert.Equal(1, tracker.Get(RoomPresenceService.RoomTopic(lobby.Id), alice.Id, bob.Id)!.ConnectionCount);
    }
}
