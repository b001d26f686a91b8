using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Data;

/// <summary>Names that only look different (letters from other alphabets, digits for letters) cannot both exist.</summary>
public class LookAlikeNamesTests : ChatServiceTest
{
    public LookAlikeNamesTests() : this(TestDatabase.Sqlite)
    {
    }

    protected LookAlikeNamesTests(Func<TestDatabase> database) : base(database)
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
    [InlineData("\u0410dmin", "Cyrillic")]
    [InlineData("Adm\u0456n", "Cyrillic")]
    [InlineData("P\u0430ul", "Cyrillic")]
    [InlineData("\u039Fliver", "Greek")]
    public async Task ANameMixingLatinWithALookAlikeAlphabetIsRefusedWithAClearMessage(string name, string script)
    {
        var result = await RegisterAsync(name);

        var error = Assert.Single(result.Errors);
        Assert.Equal("DisplayNameMixedScripts", error.Code);
        Assert.Contains("Latin", error.Description);
        Assert.Contains(script, error.Description);
    }

    [Theory]
    [InlineData("\u0410\u0412\u0421")]
    [InlineData("\u0430\u0432\u0441")]
    [InlineData("AB\u0421")]
    [InlineData("abc")]
    [InlineData("\u0391\u0392C")]
    public async Task ANameWrittenWholeInAnotherAlphabetThatLooksTakenIsTaken(string name)
    {
        Assert.True((await RegisterAsync("ABC")).Succeeded);

        var result = await RegisterAsync(name);

        Assert.False(result.Succeeded);
    }

    [Theory]
    [InlineData("R0SA", "Rosa")]
    [InlineData("Wi11iam", "William")]
    [InlineData("\u0410\u043D\u043D\u0430", "\u0430\u043D\u043D\u0430")]
    public async Task DigitsForLettersAndCaseInAnyAlphabetDoNotMakeANewName(string first, string second)
    {
        Assert.True((await RegisterAsync(first)).Succeeded);

        var again = await RegisterAsync(second);

        Assert.Equal("DuplicateDisplayName", Assert.Single(again.Errors).Code);
    }

    [Theory]
    [InlineData("\u0418\u0432\u0430\u043D \u041F\u0435\u0442\u0440\u043E\u0432")]
    [InlineData("\u0394\u03B7\u03BC\u03AE\u03C4\u03C1\u03B7\u03C2")]
    [InlineData("Chlo\u00E9 2000!")]
    [InlineData("Kai \U0001F680\U0001F680")]
    [InlineData("\u7530\u4E2D Taro")]
    [InlineData("\u0DC1\u0DCA\u200D\u0DBB\u0DD3 Lanka")]
    [InlineData("R2-D2 (\u00BD)")]
    public async Task OneAlphabetWithDigitsPunctuationAndEmojiIsWelcome(string name)
    {
        var result = await RegisterAsync(name);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    [Fact]
    public void KeysIgnoreCaseEvenWhereSkeletonsWouldNot()
    {
        Assert.Equal(DisplayNames.Key("ALICE"), DisplayNames.Key("alice"));
        Assert.Equal(DisplayNames.Key("\u0391\u039B\u0399\u039A\u0397"), DisplayNames.Key("\u03B1\u03BB\u03B9\u03BA\u03B7"));
        Assert.Equal(DisplayNames.Key("\u0410dmin"), DisplayNames.Key("Admin"));
        Assert.NotEqual(DisplayNames.Key("Tom"), DisplayNames.Key("Torn"));
        Assert.NotEqual(DisplayNames.Key("Bill"), DisplayNames.Key("Bili"));
    }

    [Fact]
    public async Task KeysFromManyThreadsAgree()
    {
        var names = new[] { "\u0410dmin", "B0B", "\u00C9mile", "\u0418\u0432\u0430\u043D" };
        var expected = names.Select(DisplayNames.Key).ToArray();

        var keys = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => DisplayNames.Key(names[i % names.Length]))));

        Assert.Equal(Enumerable.Range(0, 64).Select(i => expected[i % names.Length]), keys);
    }
}
