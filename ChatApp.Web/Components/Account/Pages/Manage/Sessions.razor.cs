using ChatApp.Core.Data;
using ChatApp.Core.Sessions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace ChatApp.Web.Components.Account.Pages.Manage;

public partial class Sessions
{
    private IReadOnlyList<SessionView>? sessions;
    private ChatUser? user;

    [Inject] private UserManager<ChatUser> UserManager { get; set; } = default!;
    [Inject] private SessionService SessionService { get; set; } = default!;
    [Inject] private IdentityRedirectManager RedirectManager { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private string? SessionKey { get; set; }

    private string? CurrentKey => HttpContext.User.GetSessionKey();

    protected override async Task OnInitializedAsync()
    {
        user = await UserManager.GetUserAsync(HttpContext.User);
        if (user is null)
        {
            RedirectManager.RedirectToInvalidUser(UserManager, HttpContext);
            return;
        }
        // Also on a post: the form being submitted has to be on the page for its handler to be found.
        sessions = await SessionService.ListAsync(user.Id, CurrentKey);
    }

    private async Task EndSessionAsync()
    {
        if (user is null)
        {
            return;
        }
        // The rule (only one's own sessions) is Core's: a key of someone else's session simply ends nothing.
        var ended = !string.IsNullOrEmpty(SessionKey) && await SessionService.EndAsync(user.Id, SessionKey);
        RedirectManager.RedirectToCurrentPageWithStatus(
            ended ? "That device was signed out." : "Error: that session had already ended.", HttpContext);
    }

    private async Task EndOtherSessionsAsync()
    {
        if (user is null || CurrentKey is not { } current)
        {
            return;
        }
        var ended = await SessionService.EndOthersAsync(user.Id, current);
        RedirectManager.RedirectToCurrentPageWithStatus(
            ended == 1 ? "1 other device was signed out." : $"{ended} other devices were signed out.", HttpContext);
    }

    private string Ago(DateTimeOffset at)
    {
        var elapsed = Time.GetUtcNow() - at;
        return elapsed switch
        {
            { TotalMinutes: < 1 } => "just now",
            { TotalHours: < 1 } => $"{(int)elapsed.TotalMinutes} min ago",
            { TotalDays: < 1 } => $"{(int)elapsed.TotalHours} h ago",
            _ => $"{(int)elapsed.TotalDays} days ago",
        };
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'");
}
