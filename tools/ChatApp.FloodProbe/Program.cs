using ChatApp.FloodProbe;

// Usage: dotnet run -c Release --project tools/ChatApp.FloodProbe -- <path to published ChatApp.Web.dll> [messages]
if (args.Length < 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("Usage: ChatApp.FloodProbe <published ChatApp.Web.dll> [messages per phase, default 50]");
    return 2;
}
var messages = args.Length > 1 ? int.Parse(args[1]) : 50;
await using var server = await AppServer.StartAsync(args[0]);
await using var probe = await Probe.StartAsync(server.BaseUrl);

Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
var quiet = await probe.MeasureAsync(server, messages, flood: false);
var flooded = await probe.MeasureAsync(server, messages, flood: true);

Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine();
Console.WriteLine($"{"phase",-12} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"server CPU",11} {"star clicks",12} {"seconds",8}");
foreach (var phase in new[] { quiet, flooded })
{
    Console.WriteLine($"{phase.Name,-12} {phase.P50,8:0} {phase.P99,8:0} {phase.Max,8:0} {phase.ServerCpuPercent,10:0}% {phase.StarClicks,12} {phase.Seconds,8:0}");
}
Console.WriteLine($"round trip with flood / without: p50 {flooded.P50 / quiet.P50:0.00}, p99 {flooded.P99 / quiet.P99:0.00}");
return 0;
