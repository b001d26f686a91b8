using System.Net;

namespace ChatApp.Tests.Integration.Sessions;

public sealed class SessionsPageTests : SessionIntegrationTest
{
    private const string BobEmail = "bob@example.test";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateUserAsync(BobEmail, "Bob");
    }

    [Fact]
    public async Task EachPersonSeesOnlyTheirOwnDevicesWithTheOneInUseMarked()
    {
        var laptop = await SignedInAsync();
        await SignedInAsync();
        var bob = await SignedInAsync(BobEmail);

        Assert.Equal([true, false], (await SessionsPageAsync(laptop)).Select(s => s.Current));
        Assert.Equal([true], (await SessionsPageAsync(bob)).Select(s => s.Current));
    }

    [Fact]
    public async Task SigningOutADeviceEndsItsCookieAndTellsItsTabs()
    {
        var laptop = await SignedInAsync();
        var phone = await SignedInAsync();
        var phoneKey = (await SessionsPageAsync(laptop)).Single(s => !s.Current).Key;

        var response = await EndSessionAsync(laptop, phoneKey);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await phone.IsSignedInAsync());
        Assert.True(await laptop.IsSignedInAsync());
        Assert.Equal([phoneKey], Assert.Single(Ended).Keys);
    }

    [Fact]
    public async Task NobodyCanSignOutSomeoneElsesDevice()
    {
        var alice = await SignedInAsync();
        var alicesPhone = await SignedInAsync();
        var alicesPhoneKey = (await SessionsPageAsync(alice)).Single(s => !s.Current).Key;
        var bob = await SignedInAsync(BobEmail);
        await SignedInAsync(BobEmail);
        var bobsOtherKey = (await SessionsPageAsync(bob)).Single(s => !s.Current).Key;

        // Bob's own form, with Alice's session key put in.
        await EndSessionAsync(bob, alicesPhoneKey, formOf: bobsOtherKey);

        Assert.True(await alicesPhone.IsSignedInAsync());
        Assert.Equal(2, (await SessionsPageAsync(alice)).Count);
        Assert.Empty(Ended);
    }

    [Fact]
    public async Task SigningOutAllOthersKeepsOnlyThisDevice()
    {
        var laptop = await SignedInAsync();
        var phone = await SignedInAsync();
        var tablet = await SignedInAsync();
        var bob = await SignedInAsync(BobEmail);

        await EndOtherSessionsAsync(laptop);

        Assert.True(await laptop.IsSignedInAsync());
        Assert.False(await phone.IsSignedInAsync());
        Assert.False(await tablet.IsSignedInAsync());
        Assert.True(await bob.IsSignedInAsync());
        Assert.Equal([true], (await SessionsPageAsync(laptop)).Select(s => s.Current));
    }
}
