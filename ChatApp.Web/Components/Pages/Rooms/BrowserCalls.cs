using Microsoft.JSInterop;

namespace ChatApp.Web.Components.Pages.Rooms;

internal static class BrowserCalls
{
    /// <summary>
    /// The browser went away while a call into it was under way (tab closed, circuit ended): nothing to report, as
    /// nobody is there to see the result.
    /// </summary>
    public static bool TabIsGone(Exception ex) =>
        ex is JSDisconnectedException or OperationCanceledException or ObjectDisposedException;
}
