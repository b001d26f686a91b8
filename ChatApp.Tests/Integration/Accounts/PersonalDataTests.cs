using System.Net;

namespace ChatApp.Tests.Integration.Accounts;

public sealed class PersonalDataTests
{
    [Fact]
    public async Task PersonalDataIsDownloadedOnlyFromTheFormOfThisSite()
    {
        await using var host = new AccountTestHost();
        var paula = await host.CreateUserAsync("Paula");
        var browser = host.Client(followRedirects: false);
        await browser.SignInAsync(paula.Email!, AccountTestHost.Password);

        var forged = await browser.PostAsync("/Account/Manage/DownloadPersonalData", new FormUrlEncodedContent([]));
        var token = await browser.AntiforgeryTokenAsync("/Account/Manage/PersonalData");
        var genuine = await browser.PostAsync("/Account/Manage/DownloadPersonalData",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Contains(paula.Id, await genuine.Content.ReadAsStringAsync());
    }
}
