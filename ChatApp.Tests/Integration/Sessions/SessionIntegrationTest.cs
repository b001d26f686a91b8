using System.Text.RegularExpressions;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Core.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Integration.Sessions;

/// <summary>The whole app in memory; Alice with an account, and every session that ended, as circuits hear of it.</summary>
public abstract partial class SessionIntegrationTest : IAsyncLifetime
{
    protected const string AliceEmail = "alice@example.test";
    protected const string Password = "Tangerine-Kite-42";
    protected const string NewPassword = "Marmalade-Comet-97";

    protected ChatAppFactory App { get; } = new();
    protected List<SessionsEnded> Ended { get; } = [];

    public virtual async Task InitializeAsync()
    {
        App.CreateClient().Dispose();
        await CreateUserAsync(AliceEmail, "Alice");
    }

    protected async Task CreateUserAsync(string email, string displayName)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        var result = await users.CreateAsync(new ChatUser { UserName = email, Email = email, DisplayName = displayName }, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        // Endings are published on each user's key, as the circuits of that user hear them.
        var user = await users.FindByEmailAsync(email);
        App.Services.GetRequiredService<IEventBus>().Subscribe<SessionsEnded>(EventKey.User(user!.Id), e =>
        {
            lock (Ended)
            {
                Ended.Add(e);
            }
            return Task.CompletedTask;
        });
    }

    protected async Task<CookieBrowser> SignedInAsync(string email = AliceEmail, string password = Password)
    {
        var browser = new CookieBrowser(App);
        await browser.SignInAsync(email, password);
        return browser;
    }

    /// <summary>The rows of the browser's sessions page: each session's key (empty for the current one) and whether it is current.</summary>
    protected static async Task<List<(string Key, bool Current)>> SessionsPageAsync(CookieBrowser browser)
    {
        var page = await browser.GetPageAsync("/Account/Manage/Sessions");
        return [.. SessionRow().Matches(page).Select(m => (
            KeyField().Match(m.Value) is { Success: true } key ? key.Groups[1].Value : "",
            m.Groups[1].Value == "true"))];
    }

    /// <summary>Presses "sign out" on a session's row; <paramref name="formOf"/> is the row whose form is used.</summary>
    protected static Task<HttpResponseMessage> EndSessionAsync(CookieBrowser browser, string key, string? formOf = null) =>
        browser.PostFormAsync("/Account/Manage/Sessions", "/Account/Manage/Sessions", $"end-session-{formOf ?? key}", new() { ["SessionKey"] = key });

    protected static Task<HttpResponseMessage> EndOtherSessionsAsync(CookieBrowser browser) =>
        browser.PostFormAsync("/Account/Manage/Sessions", "/Account/Manage/Sessions", "end-other-sessions", []);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [GeneratedRegex("<tr data-testid=\"session\" data-current=\"(true|false)\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex SessionRow();

    [GeneratedRegex("name=\"SessionKey\" value=\"([^\"]+)\"")]
    private static partial Regex KeyField();
}
