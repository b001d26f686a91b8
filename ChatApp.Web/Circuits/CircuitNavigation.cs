using ChatApp.Core.Chat;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace ChatApp.Web.Circuits;

/// <summary>
/// A navigation the server starts (a locked user sent to sign-in, a member moved out of a deleted room) that survives
/// a dropped connection. Blazor sends <see cref="NavigationManager.NavigateTo(string, bool, bool)"/> to the browser
/// once, as a JS call: after a reconnect it re-sends render batches but not JS calls, so a navigation sent while the
/// connection was down is lost, the tab stays where it was, and a minute later the unanswered call ends the circuit.
/// This keeps the navigation until the browser has arrived and sends it again when the connection is back.
/// </summary>
public sealed class CircuitNavigation : IDisposable
{
    private readonly NavigationManager navigation;
    private readonly CircuitState circuit;
    private readonly ILogger<CircuitNavigation> logger;
    private readonly Lock gate = new();
    private (string Uri, bool ForceLoad)? pending;

    public CircuitNavigation(NavigationManager navigation, CircuitState circuit, ILogger<CircuitNavigation> logger)
    {
        (this.navigation, this.circuit, this.logger) = (navigation, circuit, logger);
        circuit.Resumed += OnResumed;
        navigation.LocationChanged += OnLocationChanged;
    }

    /// <summary>Sends the tab to <paramref name="uri"/>, again after every reconnect until it has arrived.</summary>
    public void NavigateTo(string uri, bool forceLoad = false)
    {
        var target = navigation.ToAbsoluteUri(uri).AbsoluteUri;
        lock (gate)
        {
            pending = (target, forceLoad);
        }
        logger.LogInformation(LiveEventIds.ServerNavigation, "Sending the tab to {Uri} (force load: {ForceLoad})", target, forceLoad);
        navigation.NavigateTo(target, forceLoad);
    }

    /// <summary>Where the tab is still to be sent, if anywhere.</summary>
    public string? Pending
    {
        get
        {
            lock (gate)
            {
                return pending?.Uri;
            }
        }
    }

    // The tab moved (there, or somewhere the user chose since): a later reconnect must not pull it back.
    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        lock (gate)
        {
            pending = null;
        }
    }

    // Raised by the circuit handler on the circuit's dispatcher, as NavigationManager expects.
    private void OnResumed()
    {
        (string Uri, bool ForceLoad)? again;
        lock (gate)
        {
            again = pending;
        }
        if (again is { } p)
        {
            logger.LogInformation(LiveEventIds.ServerNavigationResent, "Connection back: sending the tab to {Uri} again", p.Uri);
            navigation.NavigateTo(p.Uri, p.ForceLoad);
        }
    }

    public void Dispose()
    {
        circuit.Resumed -= OnResumed;
        navigation.LocationChanged -= OnLocationChanged;
    }
}
