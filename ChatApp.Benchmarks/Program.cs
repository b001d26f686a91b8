using BenchmarkDotNet.Running;
using ChatApp.Benchmarks;

// Two measurements are not BenchmarkDotNet's per-operation means, so they run as plain harnesses:
// "scaling" (throughput on 1 vs 2 threads), "latency" (the distribution of change-to-callback times) and "cost"
// (track+untrack against the dictionary baseline in CPU time, which a busy machine disturbs far less).
switch (args.FirstOrDefault())
{
    case "scaling":
        ScalingHarness.Run(RoundsFrom(args));
        break;
    case "latency":
        LatencyHarness.Run(RoundsFrom(args));
        break;
    case "cost":
        CostHarness.Run(RoundsFrom(args), args.Length > 2 && int.TryParse(args[2], out var size) ? size : 1_000);
        break;
    case "fanout" or "fanout-status":
        // fanout [tabs] [rounds]: CPU per receiving tab of one new message; fanout-status: of one status change
        // (see FanOut/FanOutHarness.cs).
        await ChatApp.Benchmarks.FanOut.FanOutHarness.RunAsync(
            args.Length > 1 && int.TryParse(args[1], out var tabs) ? tabs : 1_000,
            args.Length > 2 && int.TryParse(args[2], out var fanOutRounds) ? fanOutRounds : 15,
            statusChanges: args[0] == "fanout-status");
        break;
    case "largeroom":
        // largeroom [rounds]: opening a room of 100,000 messages in database time (see LargeRoomHarness.cs).
        await LargeRoomHarness.RunAsync(RoundsFrom(args));
        break;
    case "backup":
        // backup [rounds]: how long an online backup of 100,000 messages keeps sends from writing (BackupHarness.cs).
        await BackupHarness.RunAsync(args.Length > 1 && int.TryParse(args[1], out var backupRounds) ? backupRounds : 3);
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(CostHarness).Assembly).Run(args);
        break;
}

static int RoundsFrom(string[] args) => args.Length > 1 && int.TryParse(args[1], out var rounds) ? rounds : 15;

