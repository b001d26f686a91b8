using System.Diagnostics;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.People;
using ChatApp.Core.Presence;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace ChatApp.Benchmarks.FanOut;

/// <summary>
/// What one new message costs the server per receiving tab. N tabs (each a renderer of its own, as a circuit has)
/// show the lobby's room page with its history, over 20 people; then, round after round, a message is sent (saved,
/// published on the bus) and the round ends when every tab has rendered it and its dispatcher is idle. Per round: the
/// process's CPU time (user + system, not the wall clock: a busy machine makes threads wait, which costs no CPU) and
/// the bytes allocated, divided by N, and the serialized render batch bytes per tab. The first rounds warm up (JIT);
/// the median of the rest is reported.
/// </summary>
internal static class FanOutHarness
{
    private const int People = 20;
    private const int HistoryMessages = 60;
    private const int WarmUpRounds = 3;

    /// <param name="statusChanges">
    /// Rounds of status changes instead of messages: each round one person (a different one each round) goes busy or
    /// back online, and the round ends when every tab has rendered that status (in the online list).
    /// </param>
    public static async Task RunAsync(int tabs, int rounds, bool statusChanges = false)
    {
        // CHATAPP_FANOUT_OTEL=1: the app's instruments collected by the OpenTelemetry SDK, as in production with an
        // exporter (without one, nobody listens and recording costs nothing); the exporter itself runs off this path.
        using var telemetry = Environment.GetEnvironmentVariable("CHATAPP_FANOUT_OTEL") == "1"
            ? OpenTelemetry.Sdk.CreateMeterProviderBuilder().AddMeter(ChatApp.Core.Diagnostics.ChatMetrics.MeterName).Build()
            : null;
        Console.WriteLine(telemetry is null ? "instruments: nobody listening" : "instruments: collected by OpenTelemetry");
        await using var world = await FanOutWorld.StartAsync();
        var people = new List<ChatUser>();
        for (var i = 0; i < People; i++)
        {
            people.Add(await world.CreateUserAsync($"Person {i:00}"));
        }
        var lobby = (await world.Chat.ListRoomsAsync(people[0].Id)).Single(r => r.Slug == Room.LobbySlug);
        // A status round measures presence alone (as the load generator's status scenario, which sends nothing): with
        // history, every tab's message list would render again too, for the dots next to the changer's messages.
        for (var i = 0; i < (statusChanges ? 0 : HistoryMessages); i++)
        {
            // Line breaks, markup-looking text and non-ASCII, as people write.
            await SendAsync(world, people[i % People], lobby.Id, $"history {i}: <b>not bold</b> & \"quoted\"\nsecond line, café ☕");
        }

        var probe = new Probe(tabs);
        var renderers = new List<TabRenderer>();
        var scopes = new List<AsyncServiceScope>();
        var loggers = world.Services.GetRequiredService<ILoggerFactory>();
        var opening = Stopwatch.StartNew();
        for (var i = 0; i < tabs; i++)
        {
            var person = people[i % People];
            var scope = world.OpenCircuit(person, $"tab-{i}");
            scopes.Add(scope);
            var renderer = new TabRenderer(scope.ServiceProvider, loggers, probe.OnBatch);
            renderers.Add(renderer);
            await renderer.RenderAsync(new TabRoot(), ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(TabRoot.User)] = person,
                [nameof(TabRoot.Slug)] = Room.LobbySlug,
            }));
        }
        for (var i = 0; i < tabs; i++)
        {
            var browser = (HarnessBrowser)scopes[i].ServiceProvider.GetRequiredService<Microsoft.JSInterop.IJSRuntime>();
            await renderers[i].Dispatcher.InvokeAsync(() => browser.ShowVirtualizedRows());
        }
        await probe.QuietAsync();
        Console.WriteLine($"{tabs} tabs open in {opening.Elapsed.TotalSeconds:0.0} s");
        if (renderers.FirstOrDefault(r => r.Failure is not null) is { } failed)
        {
            throw new InvalidOperationException("A tab failed to render", failed.Failure);
        }

        Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("round  CPU ms per tab  KB allocated per tab  batch bytes per tab");
        var results = new List<(double Cpu, double Allocated, double Bytes)>();
        using var process = Process.GetCurrentProcess();
        for (var round = 1; round <= WarmUpRounds + rounds; round++)
        {
            var person = people[round % People];
            // Busy and back, in turns: each person changes at most once per lap of the people (the rate limit is 20 a minute).
            var status = round / People % 2 == 0 ? PresenceStatus.Busy : PresenceStatus.Online;
            var marker = statusChanges ? StatusMarker(status) : $"fan-out round {round} {Guid.NewGuid():N}";
            var bytesBefore = renderers.Sum(r => r.BytesWritten);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

            var everyTab = probe.Expect(marker);
            if (statusChanges)
            {
                if (await world.Services.GetRequiredService<StatusChoices>().ChooseAsync(person.Id, status) is { } refused)
                {
                    throw new InvalidOperationException(refused.Message);
                }
            }
            else
            {
                await SendAsync(world, person, lobby.Id, marker);
            }
            await everyTab.WaitAsync(TimeSpan.FromSeconds(120));
            // What a delivery leaves behind on a tab's dispatcher (after-render work) is part of it.
            await Task.WhenAll(renderers.Select(r => r.Dispatcher.InvokeAsync(() => { })));

            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / tabs;
            var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1024.0 / tabs;
            var bytes = (renderers.Sum(r => r.BytesWritten) - bytesBefore) / (double)tabs;
            var warmUp = round <= WarmUpRounds;
            if (!warmUp)
            {
                results.Add((cpu, allocated, bytes));
            }
            Console.WriteLine($"{round,5}  {cpu,14:0.000}  {allocated,20:0.0}  {bytes,19:0}{(warmUp ? "  (warm-up)" : "")}");
            await probe.QuietAsync();
        }
        Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"median of {rounds} rounds, {tabs} tabs: {Median(results.Select(r => r.Cpu)):0.000} CPU ms per receiving tab, " +
            $"{Median(results.Select(r => r.Allocated)):0.0} KB allocated per tab, {Median(results.Select(r => r.Bytes)):0} batch bytes per tab");

        foreach (var renderer in renderers)
        {
            await renderer.Dispatcher.InvokeAsync(renderer.Dispose);
        }
        foreach (var scope in scopes)
        {
            await scope.DisposeAsync();
        }
    }

    /// <summary>A status as a changed row shows it: in a row's markup, or as the data-status attribute frame of a diff.</summary>
    internal static string StatusMarker(PresenceStatus status) => $"data-status=\"{status.ToString().ToLowerInvariant()}\"";

    private static async Task SendAsync(FanOutWorld world, ChatUser author, int roomId, string text)
    {
        var sent = await world.Chat.SendAsync(author.Id, roomId, Guid.NewGuid(), text);
        if (!sent.Succeeded)
        {
            throw new InvalidOperationException(sent.Error!.Message);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    /// <summary>Watches every tab's batches: which tabs have shown the expected message, and when all went quiet.</summary>
    private sealed class Probe(int tabs)
    {
        private readonly Lock gate = new();
        private readonly HashSet<TabRenderer> shown = [];
        private string? expected;
        private TaskCompletionSource? everyTab;
        private long batches;

        public Task Expect(string marker)
        {
            lock (gate)
            {
                shown.Clear();
                everyTab = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                expected = marker;
                return everyTab.Task;
            }
        }

        public void OnBatch(TabRenderer renderer, RenderBatch batch)
        {
            Interlocked.Increment(ref batches);
            if (Volatile.Read(ref expected) is not { } marker || !Shows(batch, marker))
            {
                return;
            }
            lock (gate)
            {
                if (shown.Add(renderer) && shown.Count == tabs)
                {
                    expected = null;
                    everyTab!.TrySetResult();
                }
            }
        }

        private static bool Shows(RenderBatch batch, string marker)
        {
            var frames = batch.ReferenceFrames;
            for (var i = 0; i < frames.Count; i++)
            {
                ref var frame = ref frames.Array[i];
                if (frame.FrameType == RenderTreeFrameType.Attribute && frame.AttributeName == "data-status"
                    && frame.AttributeValue is string status && marker.Length == status.Length + 14
                    && marker.AsSpan(13, status.Length).SequenceEqual(status))
                {
                    return true;
                }
                var text = frame.FrameType switch
                {
                    RenderTreeFrameType.Text => frame.TextContent,
                    RenderTreeFrameType.Markup => frame.MarkupContent,
                    _ => null,
                };
                if (text is not null && text.Contains(marker, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Until no tab has rendered anything for a second (presence diffs and first renders settled).</summary>
        public async Task QuietAsync()
        {
            var seen = -1L;
            while (Interlocked.Read(ref batches) is var now && now != seen)
            {
                seen = now;
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
