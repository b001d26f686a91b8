using ChatApp.Core.Accounts;

namespace ChatApp.Tests.Integration.Accounts;

/// <summary>The password policy is Identity's, so it holds on every page that sets a password, not only registration.</summary>
public sealed class PasswordChangeTests
{
    [Fact]
    public async Task ChangingToACommonPasswordIsRefusedWithTheReason()
    {
        await using var host = new AccountTestHost();
        var carl = await host.CreateUserAsync("Carl");
        var browser = host.Client();
        await browser.SignInAsync(carl.Email!, AccountTestHost.Password);

        var response = await browser.PostFormAsync("/Account/Manage/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = AccountTestHost.Password,
            ["Input.NewPassword"] = "qwertyuiop",
            ["Input.ConfirmPassword"] = "qwertyuiop",
        });

        Assert.Contains("most common passwords", await response.Content.ReadAsStringAsync());
        Assert.True(CommonPasswords.Contains("qwertyuiop"));
    }
}
