using System.Text.RegularExpressions;
using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Integration;

public sealed class EmailLinkTests : IAsyncLifetime
{
    private const string PublicAddress = "https://chat.example.test";
    private readonly FakeSmtpServer smtp = new();
    private readonly ChatAppFactory app = new();

    public Task InitializeAsync()
    {
        app.Settings["Email:SmtpHost"] = "localhost";
        app.Settings["Email:SmtpPort"] = smtp.Port.ToString();
        app.Settings["Email:Security"] = "None";
        return Task.CompletedTask;
    }

    [Fact]
    public void MailWithoutAPublicAddressRefusesToStartAndSaysWhy()
    {
        var failure = Record.Exception(() => app.CreateClient());

        Assert.NotNull(failure);
        Assert.Contains("Email:PublicBaseUrl", failure.ToString());
    }

    [Fact]
    public async Task AResetLinkNeverPointsAtTheHostTheRequestClaims()
    {
        app.Settings["Email:PublicBaseUrl"] = PublicAddress;
        var client = app.CreateClient();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
            var victim = new ChatUser { UserName = "victim@example.test", Email = "victim@example.test", DisplayName = "Victim" };
            Assert.True((await users.CreateAsync(victim, "Tangerine-Kite-42")).Succeeded);
        }
        var form = await client.GetStringAsync("/Account/ForgotPassword");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

        var forged = new HttpRequestMessage(HttpMethod.Post, "/Account/ForgotPassword")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "forgot-password",
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = "victim@example.test",
            }),
        };
        forged.Headers.Host = "evil.example";
        await client.SendAsync(forged);

        var mail = await smtp.WaitForMailToAsync("victim@example.test");
        Assert.StartsWith($"{PublicAddress}/Account/ResetPassword?", mail.Link);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await smtp.DisposeAsync();
    }
}
