// Tells the server that this tab is used (input, at most every 10 s) or hidden, for automatic away.
const inputEvents = ['keydown', 'mousedown', 'mousemove', 'touchstart', 'wheel'];
let reporter = null;
let lastReport = 0;

function onInput() {
    const now = Date.now();
    if (reporter && now - lastReport > 10000) {
        lastReport = now;
        reporter.invokeMethodAsync('Input');
    }
}

function onVisibility() {
    if (reporter) {
        lastReport = Date.now();
        reporter.invokeMethodAsync('Visibility', document.hidden);
    }
}

export function start(dotnet) {
    reporter = dotnet;
    inputEvents.forEach(name => document.addEventListener(name, onInput, { passive: true, capture: true }));
    document.addEventListener('visibilitychange', onVisibility);
    if (document.hidden) {
        onVisibility();
    }
}

export function stop() {
    inputEvents.forEach(name => document.removeEventListener(name, onInput, { capture: true }));
    document.removeEventListener('visibilitychange', onVisibility);
    reporter = null;
}
