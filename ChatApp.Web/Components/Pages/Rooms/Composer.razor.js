// The message box: Enter sends, Shift+Enter adds a line (as in Slack and Discord). The text itself goes to the server
// only with a send (a change event, then the button's click); while typing, the server hears only the box's length,
// at most once per throttle interval, and at once when the box empties or reaches its maximum.
export function enableComposer(box, dotnet, throttleMs) {
    const input = box.querySelector('textarea');
    const send = box.querySelector('[data-testid="send-button"]');
    if (!input || !send || input.dataset.enterToSend) {
        return;
    }
    input.dataset.enterToSend = 'true';
    const max = input.maxLength > 0 ? input.maxLength : Infinity;
    let lastState = 'empty';
    let lastSignal = -Infinity;

    input.addEventListener('keydown', event => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            input.dispatchEvent(new Event('change', { bubbles: true }));
            send.click();
        }
    });

    input.addEventListener('input', () => {
        // Typing and pasting stop at maxlength by themselves; a script setting the value does not.
        if (input.value.length > max) {
            input.value = input.value.slice(0, max);
        }
        const length = input.value.length;
        const state = length === 0 ? 'empty' : length >= max ? 'full' : 'text';
        const now = performance.now();
        if (state === lastState && (state === 'empty' || now - lastSignal < throttleMs)) {
            return;
        }
        lastState = state;
        lastSignal = now;
        dotnet.invokeMethodAsync('OnDraftInput', length).catch(() => {
            // The circuit is gone or going: the reconnect UI tells the person, not this.
        });
    });
}
