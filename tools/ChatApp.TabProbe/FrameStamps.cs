using ChatApp.LoadTest.Scenarios;
using Microsoft.Playwright;

namespace ChatApp.TabProbe;

/// <summary>
/// The moments the load generator measures, taken inside the page: when the WebSocket frame that carries a message's
/// text goes out (the composer's change event) and when the frame that carries it arrives (the render batch, before
/// blazor.web.js decodes and applies it), and how late the page's event loop runs (a 50 ms timer's lag), which is
/// what separates a frame's arrival from the row appearing in a renderer that shares two cores with 99 others.
/// </summary>
public static class FrameStamps
{
    // Installed before any page script (AddInitScript), so Blazor's SignalR client constructs the wrapped WebSocket:
    // the listener added in the constructor runs before SignalR's onmessage, at the frame's first moment in the page.
    public const string Script = """
        (() => {
            window.__frameSent = {}; window.__frameSeen = {}; window.__lag = [];
            const token = /(\w+)#(\d+)#/g;
            const now = () => performance.timeOrigin + performance.now();
            const text = new TextDecoder('utf-8');
            const decode = data => typeof data === 'string' ? data
                : data instanceof ArrayBuffer ? text.decode(new Uint8Array(data))
                : ArrayBuffer.isView(data) ? text.decode(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) : '';
            const note = (into, data, at) => {
                for (const m of decode(data).matchAll(token)) {
                    const key = m[1] + '#' + m[2];
                    if (!(key in into)) { into[key] = at; }
                }
            };
            const Native = window.WebSocket;
            window.WebSocket = class extends Native {
                constructor(...args) {
                    super(...args);
                    this.addEventListener('message', e => note(window.__frameSeen, e.data, now()));
                }
                send(data) {
                    note(window.__frameSent, data, now());
                    return super.send(data);
                }
            };
            // Event-loop lag: how much later than due a 50 ms timer runs (a busy renderer runs it late).
            let due = now() + 50;
            setInterval(() => { const t = now(); window.__lag.push(Math.max(0, t - due)); due = t + 50; }, 50);
        })();
        """;

    public static Task InstallAsync(IPage page) => page.AddInitScriptAsync(Script);

    /// <summary>Frame-to-frame latency of every message of <paramref name="run"/> into every other tab of its room.</summary>
    public static async Task<(Latency Frames, long Seen)> FramesAsync(IReadOnlyList<(IPage Page, string Room)> tabs, string run)
    {
        var sent = new Dictionary<string, (double At, IPage Page, string Room)>();
        foreach (var (page, room) in tabs)
        {
            foreach (var (token, at) in await page.EvaluateAsync<Dictionary<string, double>>("() => window.__frameSent"))
            {
                if (token.StartsWith(run + "#", StringComparison.Ordinal) && !sent.ContainsKey(token))
                {
                    sent[token] = (at, page, room);
                }
            }
        }
        var frames = new Latency();
        long seen = 0;
        foreach (var (page, room) in tabs)
        {
            foreach (var (token, at) in await page.EvaluateAsync<Dictionary<string, double>>("() => window.__frameSeen"))
            {
                if (sent.TryGetValue(token, out var s) && s.Page != page && s.Room == room)
                {
                    frames.RecordMilliseconds(Math.Max(0, at - s.At));
                    seen++;
                }
            }
        }
        return (frames, seen);
    }

    /// <summary>Each tab's frame arrival to the row in its DOM, per delivery (the page's own decode and apply, and waits).</summary>
    public static async Task<Latency> FrameToRowAsync(IEnumerable<IPage> pages, string run)
    {
        var apply = new Latency();
        foreach (var page in pages)
        {
            var pairs = await page.EvaluateAsync<double[]>("""
                run => Object.keys(window.__seen).filter(k => k.startsWith(run + '#') && k in window.__frameSeen)
                    .map(k => Math.max(0, window.__seen[k] - window.__frameSeen[k]))
                """, run);
            foreach (var ms in pairs)
            {
                apply.RecordMilliseconds(ms);
            }
        }
        return apply;
    }

    /// <summary>The event-loop lag samples of every page, from the sample at <paramref name="fromIndex"/> on each.</summary>
    public static async Task<Latency> LagAsync(IEnumerable<(IPage Page, int FromIndex)> pages)
    {
        var lag = new Latency();
        foreach (var (page, from) in pages)
        {
            foreach (var ms in await page.EvaluateAsync<double[]>("from => window.__lag.slice(from)", from))
            {
                lag.RecordMilliseconds(ms);
            }
        }
        return lag;
    }

    public static Task<int> LagSamplesAsync(IPage page) => page.EvaluateAsync<int>("() => window.__lag.length");
}
