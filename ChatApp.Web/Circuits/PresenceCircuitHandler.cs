using ChatApp.Web.Components.Account;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ChatApp.Web.Circuits;

/// <summary>
/// Feeds the circuit lifecycle into presence for the <c>site</c> topic. Anonymous circuits are not tracked.
/// The framework may repeat an event (a second connection-down); presence takes each one idempotently, and
/// nothing here ever throws into the circuit.
/// </summary>
public sealed class PresenceCircuitHandler(
    AuthenticationStateProvider authentication,
    CircuitPresence current,
    IConnectionPresence presence,
    ILogger<PresenceCircuitHandler> logger) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit blazorCircuit, CancellationToken cancellationToken)
    {
        try
        {
            var user = (await authentication.GetAuthenticationStateAsync()).User;
            if (user.GetUserId() is not { } userId)
            {
                return;
            }
            current.User = new CircuitUser(blazorCircuit.Id, userId, user.GetDisplayName());
            presence.Opened(current.User);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Presence could not track circuit {CircuitId}", blazorCircuit.Id);
        }
    }

    public override Task OnConnectionUpAsync(Circuit blazorCircuit, CancellationToken cancellationToken) =>
        Report(blazorCircuit, presence.Up);

    public override Task OnConnectionDownAsync(Circuit blazorCircuit, CancellationToken cancellationToken) =>
        Report(blazorCircuit, presence.Down);

    public override Task OnCircuitClosedAsync(Circuit blazorCircuit, CancellationToken cancellationToken) =>
        Report(blazorCircuit, presence.Closed);

    private Task Report(Circuit blazorCircuit, Action<string> report)
    {
        if (current.User is not null)
        {
            try
            {
                report(blazorCircuit.Id);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Presence failed on an event of circuit {CircuitId}", blazorCircuit.Id);
            }
        }
        return Task.CompletedTask;
    }
}
