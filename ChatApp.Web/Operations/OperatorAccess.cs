using System.Net;
using ChatApp.Core.Admin;
using ChatApp.Web.Components.Account;

namespace ChatApp.Web.Operations;

/// <summary>
/// Who may read what an operator reads (health details, the metrics scrape): a caller on the machine itself
/// (a probe or scraper beside the app; behind a proxy the forwarded client address counts) or a signed-in
/// administrator, asked of the database as every admin check is (a revoked admin stops at once).
/// A reverse proxy on the same machine must send X-Forwarded-For (trusted from loopback, see
/// ForwardedHeadersSettings): without it every request it passes on looks local.
/// </summary>
public static class OperatorAccess
{
    public static async Task<bool> IsOperatorAsync(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is not null && IPAddress.IsLoopback(remote))
        {
            return true;
        }
        var userId = context.User.GetUserId();
        if (userId is null)
        {
            return false;
        }
        var accounts = context.RequestServices.GetRequiredService<AccountAdministration>();
        return await accounts.IsAdminAsync(userId, context.RequestAborted);
    }
}
