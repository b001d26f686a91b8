using System.Globalization;
using System.Net;
using ChatApp.LoadTest.Client;

namespace ChatApp.LoadTest.Cli;

/// <summary>The command line, with the bounds that keep a run from turning into an attack on anything.</summary>
public sealed record RunOptions
{
    public const int MaxTabs = 10_000;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    public required string Scenario { get; init; }
    public required Uri Url { get; init; }
    public int Tabs { get; init; } = 10;
    public int Users { get; init; }
    public IReadOnlyList<string> Rooms { get; init; } = ["lobby"];
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);
    public int Parallelism { get; init; } = 8;
    public int? ServerPid { get; init; }
    public string? JsonPath { get; init; }
    public double SenderFraction { get; init; } = 0.1;
    public double MessagesPerSecond { get; init; } = 2;
    public bool SkipNegotiation { get; init; }
    public string? Prefix { get; init; }

    /// <summary>A file of people and sign-in cookies reused across runs against the same database (written if absent).</summary>
    public string? ReuseUsers { get; init; }

    /// <summary>A bound on the whole run set by hand (seconds), instead of the one computed from the options.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>chat: a first send window whose sends are not counted (JIT and first renders on a cold server).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>idle: messages the first room holds before the tabs open (sent by the run's people, a few each).</summary>
    public int Messages { get; init; }

    /// <summary>idle: a heap dump of the server (after a forced full GC) before the tabs open and after.</summary>
    public bool GcDump { get; init; }

    /// <summary>storm: tab counts to storm one after another (fresh people each), to read batches against tabs.</summary>
    public IReadOnlyList<int> Series { get; init; } = [];

    /// <summary>
    /// A hard bound on the whole run: every window, plus room for registering the people and opening the tabs (on a
    /// loaded two-core machine 1,000 people took 15 minutes: 2 s each allowed), plus 15 minutes.
    /// </summary>
    public TimeSpan RunBound => TimeLimit ?? ComputedBound;

    private TimeSpan ComputedBound => Warmup + Duration * (2 + Math.Max(1, Series.Count)) + TimeSpan.FromMinutes(15)
        + TimeSpan.FromSeconds(2) * (Series.Count > 0 ? Series.Sum(n => n + (n + 9) / 10) : Tabs + EffectiveUsers);

    /// <summary>People needed for the tabs (20 tabs per person at most); 10 tabs per person unless told.</summary>
    public int EffectiveUsers => Users > 0 ? Users : Math.Max(1, (Tabs + 9) / 10);

    public static string Usage => """
        Usage: dotnet run -c Release --project ChatApp.LoadTest -- <scenario> --url http://127.0.0.1:PORT [options]
        Scenarios:
          idle   tabs sit in their rooms: server RSS per tab, idle server CPU
          chat   a fraction of the tabs send at a steady rate: time until each message shows in every other tab
          storm  all tabs join the first room at once (--parallel): time until every tab shows everyone
          churn  the oldest tab closes and a new one opens, --rate times a second: open time, survivors
          reconnect  a tab's socket drops and resumes its circuit, --rate times a second: resume time
          status the people whose names sort first switch busy/online, --rate times a second (everyone
                 else picks busy first, so the changers stay in the top rows of the list): time from the
                 change event until every other tab shows it; "not in view" and "missing" counted apart
          --tabs N            tabs to open (default 10, at most 10000)
          --users M           people the tabs belong to (default tabs/10; the app allows 20 tabs per person)
          --rooms a,b         room slugs the tabs spread over (default lobby)
          --duration S        seconds to run once the tabs are open; storm: the bound on waiting for
                              everyone to show (default 30, at most 3600)
          --parallel P        tabs opened at the same time (default 8)
          --server-pid PID    read the server's RSS and CPU time from /proc/PID
          --senders F         chat: fraction of tabs that send (default 0.1)
          --rate R            chat: messages per second over all senders, open loop; churn: tabs replaced
                              per second; reconnect: drops per second; status: changes per second (default 2)
          --skip-negotiation  open the WebSocket without the negotiate POST
          --warmup S          chat: seconds of sending before the measured window, not counted (default 10; 0: none)
          --messages N        idle: messages the first room holds before the tabs open (default 0)
          --gcdump            idle: the server's heap after a forced full GC before the tabs open and after,
                              per tab and its top types (needs --server-pid and the repository's local tools)
          --series a,b,c      storm: storm a, then b, then c tabs (fresh people each) and print batches against tabs
          --prefix P          names of the people (default random, so reruns register new people)
          --reuse-users FILE  keep the people and their sign-in cookies in FILE; a later run against the same
                              database reuses them (no password hash per person); delete FILE for a new database
          --time-limit S      stop the whole run after S seconds (default: computed from the options, generous)
          --json FILE         write the result as JSON
          --allow-remote      allow a non-loopback --url (off: the tool refuses anything but this machine)
        The server limits account-form posts per address; for more than 10 people start it with
        RateLimits__Register__PermitLimit=100000 RateLimits__SignIn__PermitLimit=100000.
        """;

    public static RunOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            throw new LoadTestException("Name a scenario first.");
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            var key = args[i];
            if (key is "--allow-remote" or "--skip-negotiation" or "--gcdump")
            {
                flags.Add(key);
            }
            else if (key.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[key] = args[++i];
            }
            else
            {
                throw new LoadTestException($"Unknown or incomplete option {key}.");
            }
        }
        if (!values.TryGetValue("--url", out var url) || !Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var uri))
        {
            throw new LoadTestException("--url http://127.0.0.1:PORT is required.");
        }
        if (!flags.Contains("--allow-remote") && !IsLoopback(uri))
        {
            throw new LoadTestException($"{uri.Host} is not this machine; the tool only talks to loopback unless --allow-remote is given.");
        }
        var options = new RunOptions
        {
            Scenario = args[0],
            Url = uri,
            Tabs = Int(values, "--tabs", 10),
            Users = Int(values, "--users", 0),
            Rooms = values.TryGetValue("--rooms", out var rooms) ? rooms.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : ["lobby"],
            Duration = TimeSpan.FromSeconds(Double(values, "--duration", 30)),
            Parallelism = Int(values, "--parallel", 8),
            ServerPid = values.ContainsKey("--server-pid") ? Int(values, "--server-pid", 0) : null,
            JsonPath = values.GetValueOrDefault("--json"),
            SenderFraction = Double(values, "--senders", 0.1),
            MessagesPerSecond = Double(values, "--rate", 2),
            SkipNegotiation = flags.Contains("--skip-negotiation"),
            Prefix = values.GetValueOrDefault("--prefix"),
            ReuseUsers = values.GetValueOrDefault("--reuse-users"),
            TimeLimit = values.ContainsKey("--time-limit") ? TimeSpan.FromSeconds(Double(values, "--time-limit", 0)) : null,
            Warmup = TimeSpan.FromSeconds(Double(values, "--warmup", 10)),
            Messages = Int(values, "--messages", 0),
            GcDump = flags.Contains("--gcdump"),
            Series = values.TryGetValue("--series", out var series) ? [.. series.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => int.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) ? k : throw new LoadTestException($"--series needs whole numbers, not '{n}'."))] : [],
        };
        if (options.Tabs is < 1 or > MaxTabs)
        {
            throw new LoadTestException($"--tabs must be between 1 and {MaxTabs}.");
        }
        if (options.Duration <= TimeSpan.Zero || options.Duration > MaxDuration)
        {
            throw new LoadTestException($"--duration must be between 1 and {MaxDuration.TotalSeconds} seconds.");
        }
        if (options.Series.Any(n => n is < 1 or > MaxTabs))
        {
            throw new LoadTestException($"Every --series count must be between 1 and {MaxTabs}.");
        }
        if (options.Warmup < TimeSpan.Zero || options.Warmup > MaxDuration || options.Messages is < 0 or > 10_000)
        {
            throw new LoadTestException($"--warmup must be 0-{MaxDuration.TotalSeconds} seconds, --messages 0-10000.");
        }
        if (options.TimeLimit is TimeSpan limit && (limit <= TimeSpan.Zero || limit > MaxDuration * 4))
        {
            throw new LoadTestException($"--time-limit must be between 1 and {(MaxDuration * 4).TotalSeconds} seconds.");
        }
        if (options.GcDump && options.ServerPid is null)
        {
            throw new LoadTestException("--gcdump needs --server-pid (the process to dump).");
        }
        if (options.Parallelism is < 1 or > 1000 || options.SenderFraction is <= 0 or > 1 || options.MessagesPerSecond is <= 0 or > 10_000)
        {
            throw new LoadTestException("--parallel must be 1-1000, --senders in (0,1], --rate in (0,10000].");
        }
        return options;
    }

    public FleetOptions Fleet(LoadCounters counters) => new()
    {
        Tabs = Tabs,
        Users = EffectiveUsers,
        Rooms = Rooms,
        Parallelism = Parallelism,
        Prefix = Prefix ?? $"lt{Random.Shared.Next(100_000, 999_999)}",
        Tab = new TabOptions { SkipNegotiation = SkipNegotiation, Counters = counters },
        AccountsFile = ReuseUsers,
    };

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static int Int(Dictionary<string, string> values, string key, int fallback) =>
        !values.TryGetValue(key, out var text) ? fallback
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
            : throw new LoadTestException($"{key} needs a whole number, not '{text}'.");

    private static double Double(Dictionary<string, string> values, string key, double fallback) =>
        !values.TryGetValue(key, out var text) ? fallback
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n
            : throw new LoadTestException($"{key} needs a number, not '{text}'.");
}
