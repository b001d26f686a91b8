using Microsoft.AspNetCore.Components;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// A click on an action button inside a message row (<c>data-message-action</c>), reported by the browser with the
/// action and the row's message number (wwwroot/ChatApp.Web.lib.module.js). The buttons are part of the rows' shared
/// markup, so a tab holds no handler per row: the list has the one handler for all of them. Untrusted like every
/// client event: the action is looked up, the number parsed, and Core decides whether the viewer may.
/// </summary>
public sealed class MessageActionEventArgs : EventArgs
{
    public string? Action { get; set; }

    public string? Seq { get; set; }
}

[EventHandler("onmessageaction", typeof(MessageActionEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
// With a body: Razor's compiler did not find the attribute on a body-less "class X;" and wrote "@onmessageaction" as
// a plain attribute without a word of warning.
public static class EventHandlers
{
}
