namespace ChatApp.LoadTest.Client;

/// <summary>How many tabs of how many people in which rooms (tab i belongs to person i mod users, room i mod rooms).</summary>
public sealed record FleetOptions
{
    public const int MaxTabsPerUser = 20;

    public int Tabs { get; init; } = 10;
    public int Users { get; init; } = 1;
    public IReadOnlyList<string> Rooms { get; init; } = ["lobby"];

    /// <summary>Tabs being opened at the same time (a join storm is the same fleet with a high value).</summary>
    public int Parallelism { get; init; } = 8;

    /// <summary>Prefix of the people's names, unique per run so a rerun against the same database registers anew.</summary>
    public string Prefix { get; init; } = $"lt{Random.Shared.Next(100_000, 999_999)}";

    public string Password { get; init; } = "Tangerine-Kite-42";

    /// <summary>A file of the people and their cookies from a previous run on the same database: reused, then updated.</summary>
    public string? AccountsFile { get; init; }
    public TabOptions Tab { get; init; } = new();

    public void Validate()
    {
        if (Tabs < 1 || Users < 1 || Rooms.Count == 0)
        {
            throw new LoadTestException("Need at least one tab, one person and one room.");
        }
        if (Users * MaxTabsPerUser < Tabs)
        {
            throw new LoadTestException($"{Tabs} tabs need at least {(Tabs + MaxTabsPerUser - 1) / MaxTabsPerUser} people: the app allows {MaxTabsPerUser} tabs per person.");
        }
    }
}

/// <summary>Many tabs of many people: registers the people once, then opens their tabs a few at a time.</summary>
public sealed class TabFleet(Uri baseUri, FleetOptions options) : IAsyncDisposable
{
    private readonly List<UserAccount> users = [];
    private readonly List<Tab> tabs = [];
    private int opened, failed, registered, reused, nextTabId;

    public FleetOptions Options { get; } = options;
    public IReadOnlyList<UserAccount> Users => users;
    public IReadOnlyList<Tab> Tabs => tabs;

    /// <summary>Tabs whose room is shown and wired.</summary>
    public int Opened => Volatile.Read(ref opened);
    public int Failed => Volatile.Read(ref failed);

    /// <summary>People registered (or signed in) so far.</summary>
    public int Registered => Volatile.Read(ref registered);
    public IEnumerable<Tab> OpenTabs => tabs.Where(t => t.IsOpen);

    public string RoomOf(Tab tab) => Options.Rooms[tab.Id % Options.Rooms.Count];

    public async Task RegisterUsersAsync(CancellationToken cancellationToken)
    {
        Options.Validate();
        var saved = Options.AccountsFile is null ? null : SavedAccounts.Load(Options.AccountsFile);
        var prefix = saved?.Prefix ?? Options.Prefix;
        for (var i = 0; i < Options.Users; i++)
        {
            var name = $"{prefix}u{i}";
            users.Add(new UserAccount(baseUri, $"{name}@example.test", name, Options.Password));
        }
        // Four at a time: each is a password hash on the server (about 0.1 s of CPU), so 1,000 people take a minute or
        // two on two cores, shown on the progress line; more at once would only queue them on the server. A person
        // whose saved cookie still signs them in costs one page load instead.
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = saved is null ? 4 : 16, CancellationToken = cancellationToken },
            async (user, ct) =>
            {
                if (saved?.Restore(user) == true && await user.IsSignedInAsync(ct))
                {
                    Interlocked.Increment(ref reused);
                }
                else
                {
                    await user.RegisterOrSignInAsync(ct);
                }
                Interlocked.Increment(ref registered);
            });
        if (Options.AccountsFile is not null)
        {
            SavedAccounts.Save(Options.AccountsFile, prefix, users);
        }
    }

    /// <summary>People whose saved cookie was reused (no registration, no sign-in).</summary>
    public int Reused => Volatile.Read(ref reused);

    /// <summary>Opens <c>count</c> more tabs and returns when each is ready or failed (a failure is counted, not thrown).</summary>
    public async Task OpenTabsAsync(int count, CancellationToken cancellationToken)
    {
        var first = tabs.Count;
        for (var n = 0; n < count; n++)
        {
            // Ids keep counting after tabs close, so a replacement is a new tab (same person and room rotation).
            var i = nextTabId++;
            tabs.Add(new Tab(i, users[i % users.Count], $"/rooms/{Options.Rooms[i % Options.Rooms.Count]}", Options.Tab));
        }
        await Parallel.ForEachAsync(tabs.Skip(first).ToArray(), new ParallelOptions { MaxDegreeOfParallelism = Options.Parallelism, CancellationToken = cancellationToken },
            async (tab, ct) =>
            {
                try
                {
                    await tab.OpenAsync(ct);
                    Interlocked.Increment(ref opened);
                }
                // AggregateException: the SignalR client's "no transport worked" (a 404 on the WebSocket when the
                // server dropped the negotiated connection because the socket came too late, under load).
                catch (Exception e) when (e is LoadTestException or HttpRequestException or TimeoutException or OperationCanceledException
                                              or InvalidOperationException or System.Net.WebSockets.WebSocketException or IOException or AggregateException)
                {
                    if (ct.IsCancellationRequested)
                    {
                        throw;
                    }
                    Interlocked.Increment(ref failed);
                    if (e is TimeoutException or OperationCanceledException)
                    {
                        // The open timeout (StartAsync or StartCircuit cancelled), not the run's.
                        Options.Tab.Counters.Timeout();
                    }
                    Options.Tab.Counters.Error($"tab {tab.Id} did not open: {e.Message}");
                }
            });
    }

    /// <summary>Closes one tab like a browser (disconnect beacon, then socket) and forgets it.</summary>
    public async Task CloseTabAsync(Tab tab)
    {
        lock (tabs)
        {
            tabs.Remove(tab);
        }
        if (tab.Error is null)
        {
            Interlocked.Decrement(ref opened);
        }
        await tab.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(tabs, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (tab, _) => await tab.DisposeAsync());
        foreach (var user in users)
        {
            user.Dispose();
        }
    }
}
