using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatApp.Tests.Integration.Sessions;

public sealed class SignOutTests : SessionIntegrationTest
{
    [Fact]
    public async Task ACopiedCookieStopsWorkingOnceItsOwnerSignsOut()
    {
        var owner = await SignedInAsync();
        var thief = owner.CopyCookiesTo(App);
        Assert.True(await thief.IsSignedInAsync());

        await owner.SignOutAsync();

        Assert.False(await owner.IsSignedInAsync());
        Assert.False(await thief.IsSignedInAsync());
    }

    [Fact]
    public async Task ASessionSurvivesARestartOnTheSameDatabaseAndCanStillBeEnded()
    {
        var laptop = await SignedInAsync();
        var phone = await SignedInAsync();
        App.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        await using var restarted = new ChatAppFactory();
        restarted.Settings["ConnectionStrings:Default"] = $"Data Source={App.DatabasePath}";
        var laptopAfter = laptop.CopyCookiesTo(restarted);
        var phoneAfter = phone.CopyCookiesTo(restarted);

        Assert.True(await laptopAfter.IsSignedInAsync());
        Assert.True(await phoneAfter.IsSignedInAsync());
        var sessions = await SessionsPageAsync(laptopAfter);
        Assert.Equal([false, true], sessions.Select(s => s.Current).Order());

        await EndSessionAsync(laptopAfter, sessions.Single(s => !s.Current).Key);

        Assert.True(await laptopAfter.IsSignedInAsync());
        Assert.False(await phoneAfter.IsSignedInAsync());
    }

    [Fact]
    public async Task SigningOutTellsTheOpenTabsOfThatSessionAtOnce()
    {
        var laptop = await SignedInAsync();

        await laptop.SignOutAsync();

        var ended = Assert.Single(Ended);
        Assert.Single(ended.Keys);
        Assert.False(await laptop.IsSignedInAsync());
    }

    [Fact]
    public async Task SigningInAsSomeoneElseOverALiveSessionNeverLeavesTheBrowserAsTheFirstPerson()
    {
        await CreateUserAsync("bob@example.test", "Bob");
        var shared = await SignedInAsync();
        var alicesOtherCopy = shared.CopyCookiesTo(App);

        await shared.PostFormAsync("/Account/Login", "/Account/Login", "login", new()
        {
            ["Input.Email"] = "bob@example.test",
            ["Input.Password"] = Password,
        });

        // Her session ended rather than becoming Bob's: no copy of her cookie is anyone any more.
        Assert.False(await alicesOtherCopy.IsSignedInAsync());
        Assert.False(await shared.IsSignedInAsync());
        await shared.SignInAsync("bob@example.test", Password);
        Assert.Contains("bob@example.test", await shared.GetPageAsync("/Account/Manage"));
    }
}
