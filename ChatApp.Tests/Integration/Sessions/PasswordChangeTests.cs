using System.Net;
using System.Text;
using ChatApp.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Integration.Sessions;

public sealed class PasswordChangeTests : SessionIntegrationTest
{
    [Fact]
    public async Task ChangingThePasswordEndsEveryOtherSessionAndKeepsThisOne()
    {
        var laptop = await SignedInAsync();
        var phone = await SignedInAsync();
        var tablet = await SignedInAsync();
        var others = (await SessionsPageAsync(laptop)).Where(s => !s.Current).Select(s => s.Key).Order().ToList();

        var response = await laptop.PostFormAsync("/Account/Manage/ChangePassword", "/Account/Manage/ChangePassword", "change-password", new()
        {
            ["Input.OldPassword"] = Password,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await laptop.IsSignedInAsync());
        Assert.False(await phone.IsSignedInAsync());
        Assert.False(await tablet.IsSignedInAsync());
        Assert.Equal([true], (await SessionsPageAsync(laptop)).Select(s => s.Current));
        // The other devices' open tabs are told at once, not at their next revalidation.
        Assert.Equal(2, others.Count);
        Assert.Equal(others, Assert.Single(Ended).Keys.Order());
    }

    [Fact]
    public async Task ResettingThePasswordEndsEverySession()
    {
        var laptop = await SignedInAsync();
        var phone = await SignedInAsync();
        string code;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
            var token = await users.GeneratePasswordResetTokenAsync((await users.FindByEmailAsync(AliceEmail))!);
            code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        }
        var stranger = new CookieBrowser(App);
        var page = $"/Account/ResetPassword?code={code}";

        var response = await stranger.PostFormAsync(page, page, "reset-password", new()
        {
            ["Input.Email"] = AliceEmail,
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
            ["Input.Code"] = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("ResetPasswordConfirmation", response.Headers.Location!.OriginalString);
        Assert.False(await laptop.IsSignedInAsync());
        Assert.False(await phone.IsSignedInAsync());
        Assert.Equal(2, Assert.Single(Ended).Keys.Count);
        await SignedInAsync(password: NewPassword);
    }
}
