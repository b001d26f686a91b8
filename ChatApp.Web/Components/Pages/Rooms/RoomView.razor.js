export function scrollToEnd(list) {
    if (list) {
        list.scrollTop = list.scrollHeight;
    }
}

// Opens the room at its first unread message: the "new messages" divider near the top of the list.
export function scrollToDivider(list) {
    const divider = list?.querySelector('[data-testid="new-messages-divider"]');
    if (!divider) {
        scrollToEnd(list);
        return;
    }
    list.scrollTop += divider.getBoundingClientRect().top - list.getBoundingClientRect().top - 8;
}

// Tells the list (a .NET object) whether the reader is at its end and whether the tab is in view, each time either
// changes: only then do new messages keep the view pinned, and count as read.
export function watchReading(list, listener) {
    if (!list || list.stopWatchingReading) {
        return;
    }
    let atEnd = null;
    let visible = null;
    const report = () => {
        const nowAtEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 24;
        const nowVisible = document.visibilityState === 'visible';
        if (nowAtEnd !== atEnd || nowVisible !== visible) {
            atEnd = nowAtEnd;
            visible = nowVisible;
            listener.invokeMethodAsync('ReadingChanged', atEnd, visible).catch(() => { });
        }
    };
    list.addEventListener('scroll', report, { passive: true });
    document.addEventListener('visibilitychange', report);
    // Rows added (or changed) while the reader was at the end: keep them there, without a call from the server.
    const pin = new MutationObserver(() => {
        if (atEnd) {
            list.scrollTop = list.scrollHeight;
        }
    });
    pin.observe(list, { childList: true, subtree: true, characterData: true });
    list.stopWatchingReading = () => {
        pin.disconnect();
        list.removeEventListener('scroll', report);
        document.removeEventListener('visibilitychange', report);
        delete list.stopWatchingReading;
    };
    report();
}

export function stopWatchingReading(list) {
    list?.stopWatchingReading?.();
}

// Times are shown in the viewer's own zone, which only the browser knows.
export function timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
