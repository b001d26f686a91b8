using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Infrastructure;

/// <summary>
/// Base for tests of the Core services: the real services on a migrated database of the test's own, a fake clock,
/// and Alice and Bob in a seeded lobby. SQLite unless a derived class passes another database (see <c>OnPostgres.cs</c>).
/// </summary>
public abstract class ChatServiceTest(Func<TestDatabase>? database = null) : IAsyncLifetime
{
    protected ChatTestServices Chat { get; } = new((database ?? TestDatabase.Sqlite)());
    protected ServiceProvider Provider { get; private set; } = default!;
    protected ChatUser Alice { get; private set; } = default!;
    protected ChatUser Bob { get; private set; } = default!;
    protected Room Lobby { get; private set; } = default!;

    protected T Get<T>() where T : notnull => Provider.GetRequiredService<T>();

    /// <summary>An access to the room as the user, kept open by the test.</summary>
    protected Task<RoomAccess> AccessAsync(string userId, int roomId) => Get<ChatService>().OpenAsync(userId, roomId);

    public virtual async Task InitializeAsync()
    {
        Provider = await ChatTestServices.StartAsync(Chat);
        Alice = await ChatTestServices.CreateUserAsync(Provider, "Alice");
        Bob = await ChatTestServices.CreateUserAsync(Provider, "Bob");
        Lobby = await ChatTestServices.LobbyAsync(Provider);
    }

    public virtual async Task DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Chat.DisposeAsync();
    }
}
