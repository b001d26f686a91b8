using ChatApp.Web.Circuits;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ChatApp.Web.Operations.Logging;

/// <summary>
/// Puts the circuit id and the signed-in user's id on everything a tab makes the server do: Blazor runs every inbound
/// activity of a circuit (browser events, navigations, JS interop answers, render acknowledgements) through this
/// handler, and a logger scope flows with the work into every await below it.
/// </summary>
public sealed class LogScopeCircuitHandler(CircuitState current, ILogger<LogScopeCircuitHandler> logger) : CircuitHandler
{
    /// <summary>Outermost, so that the other handlers' inbound work is inside the scope too.</summary>
    public override int Order => int.MinValue;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            using (logger.BeginScope(LogScope.Circuit(context.Circuit.Id, current.User?.UserId)))
            {
                await next(context);
            }
        };
}
