// The edit box: Enter saves, Shift+Enter adds a line, Escape cancels (as the composer, and as in Slack). The text goes
// to the server with the save: a change event first, then the button's click, in that order.
export function enableEditor(box) {
    const input = box?.querySelector('textarea');
    const save = box?.querySelector('[data-testid="message-edit-save"]');
    const cancel = box?.querySelector('[data-testid="message-edit-cancel"]');
    if (!input || !save || !cancel || input.dataset.editorEnabled) {
        return;
    }
    input.dataset.editorEnabled = 'true';
    input.addEventListener('keydown', event => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            input.dispatchEvent(new Event('change', { bubbles: true }));
            save.click();
        } else if (event.key === 'Escape') {
            event.preventDefault();
            cancel.click();
        }
    });
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
}
