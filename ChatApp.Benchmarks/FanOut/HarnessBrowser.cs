using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ChatApp.Benchmarks.FanOut;

/// <summary>
/// The browser side of a tab, as far as the server can tell: script calls succeed at once with a plausible answer
/// (a module for an import, the viewer's time zone, defaults otherwise). What a real call costs the server
/// (serializing its arguments and sending them) is not counted: see docs/performance.md.
/// </summary>
internal sealed class HarnessBrowser(string timeZone) : IJSRuntime, IJSObjectReference
{
    private readonly List<object> virtualizers = [];

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
    {
        if (identifier == "Blazor._internal.Virtualize.init" && args is [{ } virtualizer, ..])
        {
            lock (virtualizers)
            {
                virtualizers.Add(virtualizer);
            }
        }
        return ValueTask.FromResult(Answer<TValue>(identifier));
    }

    /// <summary>
    /// What the browser's IntersectionObserver does once a virtualized list is on screen: it reports the viewport
    /// (600 px, about 15 rows of the online list, as the load generator does), and the list renders the rows in it.
    /// Until then Virtualize shows no rows. Call on the tab's dispatcher.
    /// </summary>
    public void ShowVirtualizedRows(float viewportHeight = 600)
    {
        object[] shown;
        lock (virtualizers)
        {
            shown = [.. virtualizers];
        }
        foreach (var reference in shown)
        {
            // A DotNetObjectReference<VirtualizeJsInterop>: the interop type is internal, its [JSInvokable] method public.
            var target = reference.GetType().GetProperty("Value")!.GetValue(reference)!;
            target.GetType().GetMethod("OnSpacerBeforeVisible")!.Invoke(target, [0f, 0f, viewportHeight]);
        }
    }

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        InvokeAsync<TValue>(identifier, args);

    private TValue Answer<TValue>(string identifier)
    {
        if (typeof(TValue) == typeof(IJSObjectReference))
        {
            return (TValue)(object)this;
        }
        if (identifier == "timeZone" && typeof(TValue) == typeof(string))
        {
            return (TValue)(object)timeZone;
        }
        return default!;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A tab's address; navigation goes nowhere (nothing in the measured path navigates).</summary>
internal sealed class HarnessNavigation : NavigationManager
{
    public HarnessNavigation() => Initialize("http://127.0.0.1/", "http://127.0.0.1/rooms/lobby");

    protected override void NavigateToCore(string uri, NavigationOptions options) => Uri = ToAbsoluteUri(uri).ToString();
}
