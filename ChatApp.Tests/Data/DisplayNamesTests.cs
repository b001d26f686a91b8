using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Data;

public sealed class DisplayNamesTests : ChatServiceTest
{
    private async Task<IdentityResult> RegisterAsync(string displayName)
    {
        await using var scope = Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        var email = $"{Guid.NewGuid():N}@example.test";
        return await users.CreateAsync(new ChatUser { UserName = email, Email = email, DisplayName = displayName }, "Passw0rd!");
    }

    [Theory]
    [InlineData("Alice\u200B")]
    [InlineData("Al\u200Dice")]
    [InlineData("\u202EecilA")]
    [InlineData("Ali\u0007ce")]
    public async Task InvisibleCharactersCannotMakeALookAlikeName(string name)
    {
        var result = await RegisterAsync(name);

        Assert.False(result.Succeeded);
        Assert.Contains("invisible", result.Errors.Single().Description);
    }

    [Theory]
    [InlineData("ALICE")]
    [InlineData("\uFF21lice")]
    [InlineData("  Alice ")]
    public async Task ANameThatOnlyLooksDifferentIsTaken(string name)
    {
        var result = await RegisterAsync(name);

        Assert.False(result.Succeeded);
        Assert.Contains("already taken", result.Errors.Single().Description);
    }

    [Fact]
    public async Task CaseIsIgnoredInEveryScriptNotOnlyAscii()
    {
        Assert.True((await RegisterAsync("Émile")).Succeeded);

        var again = await RegisterAsync("éMILE");

        Assert.False(again.Succeeded);
    }

    [Fact]
    public async Task SpacesAreTidiedAndEmojiSequencesAreKept()
    {
        Assert.True((await RegisterAsync("  Mary \t  Jane ")).Succeeded);
        Assert.True((await RegisterAsync("Dad \U0001F468\u200D\U0001F467")).Succeeded);

        await using var scope = Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        Assert.Contains(users.Users, u => u.DisplayName == "Mary Jane");
        Assert.Contains(users.Users, u => u.DisplayName == "Dad \U0001F468\u200D\U0001F467");
    }

    [Fact]
    public async Task AMemberIsFoundByANameTypedInAnotherCase()
    {
        Assert.True((await RegisterAsync("Émile")).Succeeded);
        var boss = await ChatTestServices.CreateUserAsync(Provider, "Boss");
        await using (var scope = Provider.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(boss.Id))!, Core.Chat.ChatService.AdminRole);
        }
        var room = await ChatTestServices.CreateRoomAsync(Provider, "secret", isPrivate: true);

        var added = await Get<Core.Admin.AdminService>().AddMemberAsync(boss.Id, room.Id, "émile");

        Assert.True(added.Succeeded, added.Error?.Message);
        Assert.Equal("Émile", added.Value!.DisplayName);
    }
}
