using ChatApp.Core.Admin;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Admin;

/// <summary>Component tests of the admin pages, signed in as Alice made an administrator.</summary>
public abstract class AdminComponentTest : ChatComponentTest
{
    protected RoomAdministration RoomAdmin => Services.GetRequiredService<RoomAdministration>();

    protected AccountAdministration AccountAdmin => Services.GetRequiredService<AccountAdministration>();

    protected async Task MakeAliceAdminAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        var alice = (await users.FindByIdAsync(Alice.Id))!;
        if (!await users.IsInRoleAsync(alice, ChatService.AdminRole))
        {
            await users.AddToRoleAsync(alice, ChatService.AdminRole);
        }
    }
}
