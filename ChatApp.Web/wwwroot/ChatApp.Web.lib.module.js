// Blazor's JS initializer for this app (loaded by the assembly's name before the first interactive render).
// "messageaction": a click on a button of a message row (data-message-action), reported to the list's one handler
// with the action and the row's number, so the rows' buttons can be shared markup without a handler each.
export function afterWebStarted(blazor) {
    blazor.registerCustomEventType('messageaction', {
        browserEventName: 'click',
        createEventArgs: event => {
            const button = event.target instanceof Element ? event.target.closest('[data-message-action]') : null;
            const row = button?.closest('[data-message-id]');
            return { action: button?.dataset.messageAction ?? null, seq: row?.dataset.messageId ?? null };
        }
    });
}
