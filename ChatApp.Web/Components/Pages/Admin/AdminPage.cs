using ChatApp.Core.Admin;
using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using ChatApp.Web.Components.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace ChatApp.Web.Components.Pages.Admin;

/// <summary>
/// Base of the admin pages: finds the signed-in user and asks the service whether they are an administrator, again
/// whenever their account changes (an admin revoked while the page is open stops seeing it at once). The service
/// checks again on every operation; this only decides what the page shows.
/// </summary>
public abstract class AdminPage : ComponentBase, IDisposable
{
    private IDisposable? accountChanges;

    [Inject]
    protected AccountAdministration Accounts { get; set; } = default!;

    [Inject]
    protected RoomAdministration Rooms { get; set; } = default!;

    [Inject]
    private IEventBus Events { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected string ActorId { get; private set; } = "";

    /// <summary>Null while loading; false shows access-denied.</summary>
    protected bool? IsAdmin { get; private set; }

    protected string? Error { get; set; }

    protected string? Notice { get; set; }

    protected override async Task OnInitializedAsync()
    {
        ActorId = (await AuthenticationState).User.GetUserId() ?? "";
        var actorId = ActorId;
        accountChanges = Events.Subscribe<AccountChange>(EventKey.User(actorId), _ => InvokeAsync(RecheckAdminAsync), () => InvokeAsync(RecheckAdminAsync));
        IsAdmin = await Accounts.IsAdminAsync(ActorId);
        if (IsAdmin == true)
        {
            await LoadAsync();
        }
    }

    private async Task RecheckAdminAsync()
    {
        var wasAdmin = IsAdmin == true;
        IsAdmin = await Accounts.IsAdminAsync(ActorId);
        if (IsAdmin == true && !wasAdmin)
        {
            await LoadAsync();
        }
        StateHasChanged();
    }

    public virtual void Dispose() => accountChanges?.Dispose();

    protected abstract Task LoadAsync();

    /// <summary>Runs an operation, shows its error if refused, and reloads after success.</summary>
    protected async Task<bool> RunAsync(Func<Task<ChatError?>> operation, string? success = null)
    {
        Error = null;
        Notice = null;
        var error = await operation();
        if (error is not null)
        {
            Error = error.Message;
            return false;
        }
        Notice = success;
        await LoadAsync();
        return true;
    }
}
