// Dark mode and the navigation drawer are the browser's business: the server keeps no state and no JavaScript
// interop for them in any tab (each would cost every open tab server memory for its whole life). Loaded in <head>,
// so the chosen mode applies before the first paint; the buttons it serves are found by event delegation, whenever
// the interactive layout renders them.
(() => {
    const darkKey = 'chatapp-dark-mode';
    const root = document.documentElement;
    // MudDrawer's "responsive" breakpoint (md): below it the drawer opens over the page and starts closed.
    const narrow = window.matchMedia('(max-width: 959px)');

    const setDark = dark => root.classList.toggle('chat-dark', dark);
    const setDrawer = open => {
        root.classList.toggle('drawer-open', open);
        for (const button of document.querySelectorAll('[data-drawer-toggle]')) {
            button.setAttribute('aria-expanded', open ? 'true' : 'false');
        }
    };

    let dark = false;
    try {
        dark = localStorage.getItem(darkKey) === 'true';
    } catch {
        // Storage blocked: the light theme, and the toggle still works for this page.
    }
    setDark(dark);
    setDrawer(!narrow.matches);
    narrow.addEventListener('change', e => setDrawer(!e.matches));

    document.addEventListener('click', e => {
        const target = e.target instanceof Element ? e.target : null;
        if (!target) {
            return;
        }
        if (target.closest('[data-dark-mode-toggle]')) {
            const on = !root.classList.contains('chat-dark');
            setDark(on);
            try {
                localStorage.setItem(darkKey, on ? 'true' : 'false');
            } catch {
                // Not remembered, still applied.
            }
        } else if (target.closest('[data-drawer-toggle]')) {
            setDrawer(!root.classList.contains('drawer-open'));
        } else if (narrow.matches && (target.closest('.chat-drawer-overlay') || target.closest('.chat-drawer a'))) {
            // Over the page, the drawer gets out of the way once used, as a temporary drawer does.
            setDrawer(false);
        }
    });
})();
