using ChatApp.Web.Operations.Logging;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Logging.Console;

namespace ChatApp.Web.Hosting;

public static class LoggingExtensions
{
    /// <summary>
    /// Log scopes (circuit, user, room) on what a tab does, and the console's formats: `Logging:Console:FormatterName`
    /// `simple` (default) or `json` (one JSON object per line, for log shippers), scopes included and times in UTC
    /// (`Logging:Console:FormatterOptions` in appsettings.json).
    /// </summary>
    public static void AddChatLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CircuitHandler, LogScopeCircuitHandler>();
        // The JSON console writes no time unless given a format; ISO 8601 in UTC unless the operator chose another.
        builder.Services.PostConfigure<JsonConsoleFormatterOptions>(options => options.TimestampFormat ??= "yyyy-MM-ddTHH:mm:ss.fffZ");
    }
}
