using ChatApp.Core.Chat;
using ChatApp.Core.Diagnostics;
using ChatApp.Web.Components.Account;
using ChatApp.Core.Presence;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ChatApp.Web.Circuits;

/// <summary>
/// Feeds the circuit lifecycle into presence for the <c>site</c> topic. Anonymous circuits are not tracked.
/// The framework may repeat an event (a second connection-down); presence takes each one idempotently, and
/// nothing here ever throws into the circuit. A tab beyond the account's tab limit is neither tracked nor given a
/// user: <see cref="CircuitState.OverTabLimit"/> makes the layout show why instead of the app.
/// </summary>
public sealed class PresenceCircuitHandler(
    AuthenticationStateProvider authentication,
    CircuitState current,
    IConnectionPresence presence,
    ILogger<PresenceCircuitHandler> logger,
    ITabLimiter? tabs = null,
    ChatMetrics? metrics = null) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken) => OpenedAsync(circuit.Id);

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) => ConnectionUpAsync(circuit.Id);

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // Anything the server sends the tab until it is up again (a navigation above all) may be lost.
        logger.LogDebug(LiveEventIds.ConnectionDown, "Circuit {CircuitId} lost its connection", circuit.Id);
        return Report(circuit.Id, presence.Down);
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) => ClosedAsync(circuit.Id);

    internal Task ClosedAsync(string circuitId)
    {
        current.IsClosed = true;
        tabs?.Close(circuitId);
        return Report(circuitId, presence.Closed);
    }

    internal async Task OpenedAsync(string circuitId)
    {
        try
        {
            var user = (await authentication.GetAuthenticationStateAsync()).User;
            if (current.User is not null || user.GetUserId() is not { } userId)
            {
                return;
            }
            if (tabs is not null && !await tabs.TryOpenAsync(userId, circuitId))
            {
                metrics?.Refused(ChatMetrics.Limits.Tabs);
                current.OverTabLimit = tabs.MaxTabsPerUser;
                logger.TabLimitReached(circuitId, userId, tabs.MaxTabsPerUser);
                return;
            }
            var opened = new CircuitUser(circuitId, userId, user.GetDisplayName());
            current.User = opened;
            if (!await presence.OpenedAsync(opened))
            {
                current.User = null;
                tabs?.Close(circuitId);
                return;
            }
            if (current.IsClosed || !ReferenceEquals(current.User, opened))
            {
                // Closed, or signed out by a lock, while the account was being checked: what was just tracked goes.
                tabs?.Close(circuitId);
                presence.Closed(circuitId);
            }
        }
        catch (Exception ex)
        {
            // Better no presence for this tab than one nobody will ever untrack.
            current.User = null;
            tabs?.Close(circuitId);
            logger.LogError(ex, "Presence could not track circuit {CircuitId}", circuitId);
        }
    }

    internal Task ConnectionUpAsync(string circuitId)
    {
        logger.LogDebug(LiveEventIds.ConnectionUp, "Circuit {CircuitId} is connected (user {UserId})", circuitId, current.User?.UserId);
        if (current.User is { } user)
        {
            Report(circuitId, _ => presence.Up(user));
        }
        // Also for a circuit signed out meanwhile: a redirect sent while it was down has to be sent again.
        current.OnResumed();
        return Task.CompletedTask;
    }

    internal Task Report(string circuitId, Action<string> report)
    {
        if (current.User is not null)
        {
            try
            {
                report(circuitId);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Presence failed on an event of circuit {CircuitId}", circuitId);
            }
        }
        return Task.CompletedTask;
    }
}
