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

// The @ autocomplete: tells the server the word after an '@' before the caret (when it changes), and lets Enter or
// Tab pick the highlighted suggestion, the arrows move the highlight and Escape close the list. Listens in the capture
// phase on the composer, so a pick's Enter never reaches the box's own Enter-to-send.
const maxNameLength = 32;

function mentionQuery(input) {
    const before = input.value.slice(0, input.selectionStart ?? input.value.length);
    const at = before.lastIndexOf('@');
    if (at < 0 || (at > 0 && /[\p{L}\p{N}]/u.test(before[at - 1]))) {
        return null;
    }
    const query = before.slice(at + 1);
    if (query.length > maxNameLength || /[\n@]/.test(query) || /^\s/.test(query) || /\s$/.test(query)) {
        return null;
    }
    return query;
}

export function enableMentions(box, dotnet) {
    const input = box.querySelector('textarea');
    if (!input || input.dataset.mentions) {
        return;
    }
    input.dataset.mentions = 'true';
    let last = null;
    const report = () => {
        const query = mentionQuery(input);
        if (query === last) {
            return;
        }
        last = query;
        dotnet.invokeMethodAsync('OnMentionQuery', query).catch(() => {
            // The circuit is gone or going: nothing to suggest.
        });
    };
    input.addEventListener('input', report);
    input.addEventListener('click', report);
    input.addEventListener('blur', () => setTimeout(() => {
        // Closes the list when the box is left (after a click on an entry has been handled).
        if (document.activeElement !== input && last !== null) {
            last = null;
            dotnet.invokeMethodAsync('OnMentionQuery', null).catch(() => { });
        }
    }, 200));

    box.addEventListener('keydown', event => {
        if (event.target !== input || event.isComposing) {
            return;
        }
        const entries = [...box.querySelectorAll('[data-testid="mention-suggestion"]')];
        if (entries.length === 0) {
            return;
        }
        const current = Math.max(0, entries.findIndex(e => e.classList.contains('selected')));
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            const next = (current + (event.key === 'ArrowDown' ? 1 : entries.length - 1)) % entries.length;
            entries.forEach((e, i) => e.classList.toggle('selected', i === next));
        } else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
            entries[current].click();
        } else if (event.key === 'Escape') {
            last = null;
            dotnet.invokeMethodAsync('OnMentionQuery', null).catch(() => { });
        } else {
            return;
        }
        event.preventDefault();
        event.stopPropagation();
    }, true);
}

/** Puts "@Name " in place of the '@' word before the caret, as if typed. */
export function insertMention(box, name) {
    const input = box.querySelector('textarea');
    if (!input) {
        return;
    }
    const caret = input.selectionStart ?? input.value.length;
    const before = input.value.slice(0, caret);
    const at = before.lastIndexOf('@');
    if (at < 0) {
        return;
    }
    const text = '@' + name + ' ';
    input.value = input.value.slice(0, at) + text + input.value.slice(caret);
    const end = at + text.length;
    input.focus();
    input.setSelectionRange(end, end);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
}
