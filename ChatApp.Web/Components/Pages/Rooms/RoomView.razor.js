export function scrollToEnd(list) {
    if (list) {
        list.scrollTop = list.scrollHeight;
    }
}

// Times are shown in the viewer's own zone, which only the browser knows.
export function timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
