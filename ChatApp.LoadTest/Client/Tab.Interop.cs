using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatApp.LoadTest.Client;

/// <summary>
/// The JS side of the tab: every JS.BeginInvokeJS gets a plausible answer (see docs/load-generator-research.md §7),
/// and the .NET objects the page hands to JS (renderer, composer, activity reporter, Virtualize) are remembered so
/// events and callbacks can target them.
/// </summary>
public sealed partial class Tab
{
    private const string RectJson = """{"x":0,"y":0,"width":100,"height":40,"top":0,"left":0,"right":100,"bottom":40,"scrollX":0,"scrollY":0,"windowWidth":1920,"windowHeight":1080}""";

    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> calls = new();
    private long rendererObject, composerObject, activityObject;
    private long nextJsObjectId;
    private long nextCallId;

    private async Task OnBeginInvokeJSAsync(HubConnection hub, long asyncHandle, string identifier, string argsJson, int resultType, long targetInstanceId, int callType)
    {
        options.Counters.Interop();
        if (Tracing) Trace($"js {asyncHandle} {identifier} {argsJson[..Math.Min(argsJson.Length, 120)]} rt={resultType} target={targetInstanceId}");
        var args = JsonNode.Parse(argsJson) as JsonArray ?? [];
        string? answer = null;
        long virtualizeObject = 0, readingObject = 0;
        switch (identifier)
        {
            case "Blazor._internal.attachWebRendererInterop":
                rendererObject = DotNetObject(args, 1);
                rendererAttached.TrySetResult();
                break;
            case "Blazor._internal.PageTitle.getAndRemoveExistingTitle":
                answer = "\"ChatApp\"";
                break;
            case "Blazor._internal.Virtualize.init":
                virtualizeObject = DotNetObject(args, 0);
                break;
            case "Blazor._internal.navigationManager.navigateTo":
                Fail($"the page navigated away to {args[0]} (a redirect or a sign-out)");
                break;
            case "timeZone" when targetInstanceId != 0:
                answer = JsonSerializer.Serialize(options.TimeZone);
                break;
            case "enableComposer" when targetInstanceId != 0:
                Interlocked.Exchange(ref composerObject, DotNetObject(args, 1));
                break;
            case "start" when targetInstanceId != 0:
                activityObject = DotNetObject(args, 0);
                break;
            case "mudpopoverHelper.countProviders":
                answer = "1";
                break;
            case "mudResizeListener.getBrowserWindowSize":
                answer = """{"height":1080,"width":1920}""";
                break;
            case "mudResizeListener.matchMedia" or "mudThemeProvider.isDarkMode":
                answer = "false";
                break;
            case "mudElementRef.getBoundingClientRect":
                answer = RectJson;
                break;
            case "mudResizeObserver.connect":
                answer = "[]";
                break;
            case "window.hasOwnProperty":
                answer = "true";
                break;
            case "import":
            case "localStorage.getItem" or "localStorage.setItem":
            case "Blazor._internal.navigationManager.enableNavigationInterception":
            case "Blazor._internal.navigationManager.setHasLocationChangingListeners":
            case "Blazor._internal.domWrapper.focusBySelector" or "Blazor._internal.domWrapper.focus":
            case "Blazor._internal.Virtualize.dispose":
            case "DotNet.disposeJSObjectReferenceById" or "globalThis.DotNet.disposeJSObjectReferenceById":
            case "scrollToEnd" or "stop" when targetInstanceId != 0:
            case "watchReading" when targetInstanceId != 0:
                // As a browser: the watch reports at once that the reader is at the end with the tab in view (a
                // generator tab never scrolls, so it stays there and reads everything as it arrives).
                readingObject = DotNetObject(args, 1);
                break;
            case "stopWatchingReading" or "scrollToDivider" or "enableMentions" when targetInstanceId != 0:
                break;
            default:
                if (!identifier.StartsWith("mud", StringComparison.Ordinal))
                {
                    options.Counters.Unknown(identifier);
                }
                break;
        }
        if (resultType == 1)
        {
            // A JS object reference (an imported module, for one): a fresh id the server then calls functions on.
            answer = $$"""{"__jsObjectId":{{Interlocked.Increment(ref nextJsObjectId)}}}""";
        }
        else if (resultType == 3)
        {
            answer = null;
        }
        if (asyncHandle != 0)
        {
            await hub.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, $"[{asyncHandle},true,{answer ?? "null"}]");
        }
        if (readingObject != 0)
        {
            await hub.SendAsync("BeginInvokeDotNetFromJS", NextCallId(), (string?)null, "ReadingChanged", readingObject, "[true,true]");
        }
        if (virtualizeObject != 0)
        {
            // The browser's IntersectionObserver reports the viewport; until then Virtualize shows no items.
            await hub.SendAsync("BeginInvokeDotNetFromJS", NextCallId(), (string?)null, "OnSpacerBeforeVisible", virtualizeObject,
                $"[0,0,{options.ViewportHeight}]");
        }
    }

    private void OnEndInvokeDotNet(string callId, bool success, string result)
    {
        if (Tracing) Trace($"end-dotnet {callId} {success} {result[..Math.Min(result.Length, 200)]}");
        if (calls.TryRemove(callId, out var pending))
        {
            if (success)
            {
                pending.TrySetResult(result);
            }
            else
            {
                pending.TrySetException(new LoadTestException($"tab {Id}: .NET call failed: {result}"));
            }
        }
    }

    /// <summary>Calls a [JSInvokable] .NET method as the browser's DotNet.invokeMethodAsync does, and waits for its end.</summary>
    private async Task<string> InvokeDotNetAsync(string method, long dotNetObjectId, string argsJson, CancellationToken cancellationToken)
    {
        if (connection is null || dotNetObjectId == 0)
        {
            throw new LoadTestException($"tab {Id}: the page has not handed JS the object for {method} yet.");
        }
        var callId = NextCallId();
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        calls[callId] = done;
        await connection.SendAsync("BeginInvokeDotNetFromJS", callId, (string?)null, method, dotNetObjectId, argsJson, cancellationToken);
        try
        {
            return await done.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        finally
        {
            calls.TryRemove(callId, out _);
        }
    }

    /// <summary>LOADTEST_TRACE=1 writes every circuit message of every tab to stderr (for a few tabs only).</summary>
    private static readonly bool Tracing = Environment.GetEnvironmentVariable("LOADTEST_TRACE") == "1";

    private void Trace(string message)
    {
        if (Tracing)
        {
            Console.Error.WriteLine($"tab {Id}: {message}");
        }
    }

    private string NextCallId() => Interlocked.Increment(ref nextCallId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static long DotNetObject(JsonArray args, int index) =>
        args.Count > index && args[index] is JsonObject o && o["__dotNetObject"] is JsonValue v ? v.GetValue<long>() : 0;
}
