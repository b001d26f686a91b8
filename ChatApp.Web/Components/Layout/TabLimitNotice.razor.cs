using ChatApp.Core.Diagnostics;
using Microsoft.AspNetCore.Components;

namespace ChatApp.Web.Components.Layout;

/// <summary>
/// The notice for a tab over <c>Presence:MaxTabsPerUser</c>. Normally the page request already knows (the tab limit is
/// full) and <c>App</c> renders this statically: no circuit starts, so the tab holds no server memory at all. A tab
/// that got a circuit anyway (it loaded while the last slot was taken by another tab) renders it interactively; it
/// then reloads itself, which ends its circuit (the browser's unload beacon) and lands on the static notice. A client
/// that ignores the reload (a script, not a browser) has its circuit ended by the server after <see cref="ReloadGrace"/>.
/// </summary>
public sealed partial class TabLimitNotice(NavigationManager navigation, TimeProvider time, ILogger<TabLimitNotice> logger)
    : ComponentBase, IDisposable
{
    /// <summary>How long a tab over the limit may keep its circuit before the server ends it.</summary>
    public static readonly TimeSpan ReloadGrace = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource disposed = new();

    [Parameter, EditorRequired]
    public int MaxTabs { get; set; }

    private NavigationManager Navigation => navigation;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Only an interactive render gets here: the static notice has no circuit to end.
        if (!firstRender)
        {
            return;
        }
        navigation.NavigateTo(navigation.Uri, forceLoad: true);
        try
        {
            await Task.Delay(ReloadGrace, time, disposed.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        logger.TabOverLimitEnded(MaxTabs);
        // An unhandled exception is how the server ends a circuit on purpose: Blazor unregisters and disposes it, and
        // a client that keeps its connection open reaches nothing any more.
        await DispatchExceptionAsync(new TabLimitExceededException(MaxTabs));
    }

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }
}

/// <summary>Ends the circuit of a tab over the account's tab limit that did not reload.</summary>
public sealed class TabLimitExceededException(int maxTabs)
    : Exception($"This tab is over the account's limit of {maxTabs} open tabs.");
