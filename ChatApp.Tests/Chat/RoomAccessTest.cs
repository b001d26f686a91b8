using ChatApp.Core.Admin;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;

namespace ChatApp.Tests.Chat;

/// <summary>The room access tests' world: an administrator ("Boss") and a private room, "secret".</summary>
public abstract class RoomAccessTest(Func<TestDatabase>? database = null) : ChatServiceTest(database)
{
    protected ChatUser Boss { get; private set; } = default!;

    protected Room Secret { get; private set; } = default!;

    protected ChatService ChatService => Get<ChatService>();

    protected RoomAdministration Rooms => Get<RoomAdministration>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Boss = await ChatTestServices.CreateUserAsync(Provider, "Boss");
        await ChatTestServices.MakeAdminAsync(Provider, Boss);
        Secret = await ChatTestServices.CreateRoomAsync(Provider, "secret", isPrivate: true);
    }
}
