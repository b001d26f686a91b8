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
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(Answer<TValue>(identifier));

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
