using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Data;

public class DisplayNamesTests : ChatServiceTest
{
    public DisplayNamesTests() : this(TestDatabase.Sqlite)
    {
    }

    protected DisplayNamesTests(Func<TestDatabase> database) : base(database)
    {
    }

    private async Task<IdentityResult> RegisterAsync(string displayName)
    {
        await using var scope = Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        var email = $"{Guid.NewGuid():N}@example.test";
        return await users.CreateAsync(new ChatUser { UserName = email, Email = email, DisplayName = displayName }, "Tangerine-Kite-42");
    }

    [Theory]
    [InlineData("Alice\u200B")]
    [InlineData("\u202EecilA")]
    [InlineData("Ali\u0007ce")]
    [InlineData("Alice\u3164")]
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
    [InlineData("Al\u200Dice")]
    [InlineData("Ali\u200Cce")]
    public async Task ANameThatOnlyLooksDifferentIsTaken(string name)
    {
        var result = await RegisterAsync(name);

        Assert.False(result.Succeeded);
        Assert.Contains("already taken", result.Errors.Single().Description);
    }

    [Theory]
    [InlineData("\u062D\u0633\u06CC\u0646\u200C\u0632\u0627\u062F\u0647")]
    [InlineData("\u0DC1\u0DCA\u200D\u0DBB\u0DD3 Lanka")]
    [InlineData("\u0E2A\u0E21\u0E0A\u0E32\u0E22")]
    [InlineData("\u0905\u0928\u093F\u0932")]
    [InlineData("Zoe \U0001F44B\U0001F3FD")]
    public async Task NamesInOtherScriptsWithTheirJoinersAreWelcome(string name)
    {
        var result = await RegisterAsync(name);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
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

        var added = await Get<Core.Admin.RoomAdministration>().AddMemberAsync(boss.Id, room.Id, "émile");

        Assert.True(added.Succeeded, added.Error?.Message);
        Assert.Equal("Émile", added.Value!.DisplayName);
    }

    [Fact]
    public async Task AnAccountWhoseNameFailsALaterRuleStillCountsFailedSignInsAndCanChangeItsPassword()
    {
        await using (var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync())
        {
            await db.Users.Where(u => u.Id == Bob.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, "Bo\u202Eb"));
        }
        await using var scope = Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        var bob = (await users.FindByIdAsync(Bob.Id))!;

        Assert.True((await users.AccessFailedAsync(bob)).Succeeded);
        Assert.Equal(1, await users.GetAccessFailedCountAsync(bob));
        Assert.True((await users.ChangePasswordAsync(bob, "Tangerine-Kite-42", "N3w-passw0rd!")).Succeeded);

        bob.DisplayName = "Bo\u202Ebby";
        Assert.False((await users.UpdateAsync(bob)).Succeeded);
    }
}
