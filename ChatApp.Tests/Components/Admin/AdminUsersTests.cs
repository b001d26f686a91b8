using Bunit;
using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Components.Pages.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ChatApp.Tests.Components.Admin;

public sealed class AdminUsersTests : AdminComponentTest
{
    private async Task<IRenderedComponent<AdminUsers>> RenderAsAdminAsync()
    {
        await MakeAliceAdminAsync();
        Render<MudPopoverProvider>();
        var page = Render<AdminUsers>();
        page.WaitForState(() => page.FindAll("[data-testid=admin-user]").Count > 0);
        return page;
    }

    [Fact]
    public async Task ListsEveryAccountWithItsState()
    {
        var page = await RenderAsAdminAsync();

        // Sign-in does not need confirmed accounts here, so nobody is offered a confirmation.
        Assert.Empty(page.FindAll("[data-testid=user-confirm]"));
        Assert.Equal(["Alice", "Bob"], page.FindAll("[data-testid=admin-user]").Select(r => r.GetAttribute("data-user")));
        Assert.All(page.FindAll("[data-testid=admin-user]"), r => Assert.Equal("false", r.GetAttribute("data-locked")));
    }

    [Fact]
    public async Task AnAdministratorRevokedWhileThePageIsOpenStopsSeeingItAtOnce()
    {
        var page = await RenderAsAdminAsync();
        var boss = await ChatTestServices.CreateUserAsync(Services, "Boss");
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(boss.Id))!, Core.Chat.ChatService.AdminRole);
        }

        Assert.Null(await AccountAdmin.SetAdminAsync(boss.Id, Alice.Id, isAdmin: false));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=access-denied]")));
        Assert.Empty(page.FindAll("[data-testid=admin-user]"));
        Assert.DoesNotContain("bob@example.test", page.Markup);
    }

    [Fact]
    public async Task AnUnconfirmedAccountCanBeConfirmedFromItsRowWhenSignInNeedsIt()
    {
        Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.SignIn.RequireConfirmedAccount = true;
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
            var bob = (await users.FindByIdAsync(Bob.Id))!;
            bob.EmailConfirmed = false;
            await users.UpdateAsync(bob);
        }
        var page = await RenderAsAdminAsync();
        var row = page.Find("[data-testid=admin-user][data-user=Bob]");
        Assert.Equal("false", row.GetAttribute("data-confirmed"));

        page.Find("[data-testid=admin-user][data-user=Bob] [data-testid=user-confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=admin-user][data-user=Bob]").GetAttribute("data-confirmed")));
        Assert.Empty(page.FindAll("[data-testid=admin-user][data-user=Bob] [data-testid=user-confirm]"));
    }
}
