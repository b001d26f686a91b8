using ChatApp.FloodProbe;
using ChatApp.LoadTest.Diagnostics;
using ChatApp.TabProbe;

// Usage: dotnet run -c Release --project tools/ChatApp.TabProbe -- <published ChatApp.Web.dll> [tabs] [users] [messages] [idle seconds]
//    or: dotnet run -c Release --project tools/ChatApp.TabProbe -- chat --url http://127.0.0.1:PORT [the load generator's chat options]
if (args.Length > 0 && args[0] == "chat")
{
    return await BrowserChatCommand.RunAsync(args);
}
if (args.Length < 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("Usage: ChatApp.TabProbe <published ChatApp.Web.dll> [tabs, default 24] [users, default 4] [messages, default 50] [idle seconds, default 60]");
    return 2;
}
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i]) : fallback;
var (tabs, users, messages, idleSeconds) = (Arg(1, 24), Arg(2, 4), Arg(3, 50), Arg(4, 60));
var output = Directory.CreateTempSubdirectory("chatapp-tabs-").FullName;

await using var server = await AppServer.StartAsync(args[0]);
var tools = new DiagnosticTools(server.ProcessId, output);
await using var probe = await Probe.StartAsync(server.BaseUrl, users);
await probe.SendAsync(messages);
await probe.CloseTabsAsync();
// Closed tabs end their circuits at once (the browser says goodbye). 30 s lets the server let go of them and finish
// the background JIT of the warm-up, which otherwise lands in the first window.
await Task.Delay(TimeSpan.FromSeconds(30));

Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
var empty = await Measure(0);
await probe.OpenTabsAsync(tabs);
await Task.Delay(TimeSpan.FromSeconds(30));
var full = await Measure(tabs);
Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");

Console.WriteLine();
// RSS twice: as the idle window left it (with whatever garbage gen0 held then), and right after the dump's forced
// full GC (closer to what the tabs themselves hold, though the GC may keep freed memory committed).
Console.WriteLine($"{"tabs",5} {"CPU s/min",10} {"work items/s",13} {"timers",7} {"heap KB",9} {"RSS KB",9} {"RSS after GC KB",16}");
foreach (var m in new[] { empty, full })
{
    Console.WriteLine($"{m.Tabs,5} {m.CpuSecondsPerMinute,10:0.00} {m.WorkItemsPerSecond,13:0.0} {m.Timers,7:0} {m.HeapBytes / 1024,9:0} {m.RssBytes / 1024,9:0} {m.RssAfterGcBytes / 1024,16:0}");
}
Console.WriteLine($"per tab: CPU {(full.CpuSecondsPerMinute - empty.CpuSecondsPerMinute) / tabs * 1000:0.0} ms/min, " +
    $"work items {(full.WorkItemsPerSecond - empty.WorkItemsPerSecond) / tabs:0.00}/s, timers {(full.Timers - empty.Timers) / tabs:0.0}, " +
    $"heap {(full.HeapBytes - empty.HeapBytes) / tabs / 1024:0} KB, RSS {(full.RssBytes - empty.RssBytes) / tabs / 1024:0} KB, " +
    $"RSS after GC {(full.RssAfterGcBytes - empty.RssAfterGcBytes) / tabs / 1024:0} KB");
Console.WriteLine();
Console.WriteLine($"top types per tab (bytes, count), from {empty.GcDump} and {full.GcDump}:");
foreach (var line in GcDumpReport.PerTab(empty.Types, full.Types, tabs).Take(30))
{
    Console.WriteLine(line);
}
return 0;

async Task<Measurement> Measure(int openTabs)
{
    var cpuBefore = server.CpuSeconds();
    var counters = tools.CountersAsync(idleSeconds);
    await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
    var cpu = (server.CpuSeconds() - cpuBefore) / idleSeconds * 60;
    var (workItems, timers) = await counters;
    var rss = server.RssBytes();
    var (heap, types, dump) = await tools.GcDumpAsync($"tabs-{openTabs}");
    var rssAfterGc = server.RssBytes();
    return new Measurement(openTabs, cpu, workItems, timers, heap, rss, rssAfterGc, types, dump);
}

internal sealed record Measurement(
    int Tabs, double CpuSecondsPerMinute, double WorkItemsPerSecond, double Timers, long HeapBytes, long RssBytes, long RssAfterGcBytes,
    IReadOnlyDictionary<string, (long Bytes, long Count)> Types, string GcDump);
