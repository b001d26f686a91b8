using Microsoft.Extensions.Logging;

namespace ChatApp.Core.Chat;

/// <summary>
/// Event ids of the log lines that follow a live update from the service that publishes it to the tab that shows it,
/// so a missed update can be traced link by link (publish, circuit, render, navigation, reconnect).
/// </summary>
public static class LiveEventIds
{
    public static readonly EventId Published = Events.InProcessEventBus.Published;
    public static readonly EventId CircuitSignedOut = new(1200, "CircuitSignedOut");
    public static readonly EventId CircuitAccountChangeIgnored = new(1201, "CircuitAccountChangeIgnored");
    public static readonly EventId ConnectionDown = new(1300, "CircuitConnectionDown");
    public static readonly EventId ConnectionUp = new(1301, "CircuitConnectionUp");
    public static readonly EventId RedirectToSignIn = new(1400, "RedirectToSignIn");
    public static readonly EventId ServerNavigation = new(1500, "ServerNavigation");
    public static readonly EventId ServerNavigationResent = new(1501, "ServerNavigationResent");
}
