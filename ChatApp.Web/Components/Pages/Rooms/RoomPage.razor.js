// Enter sends, Shift+Enter adds a line (as in Slack and Discord).
export function enableEnterToSend(composer) {
    const input = composer.querySelector('textarea');
    const send = composer.querySelector('[data-testid="send-button"]');
    if (!input || !send || input.dataset.enterToSend) {
        return;
    }
    input.dataset.enterToSend = 'true';
    input.addEventListener('keydown', event => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            send.click();
        }
    });
}

export function scrollToEnd(list) {
    if (list) {
        list.scrollTop = list.scrollHeight;
    }
}

// Times are shown in the viewer's own zone, which only the browser knows.
export function timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
