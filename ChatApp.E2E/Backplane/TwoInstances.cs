using ChatApp.E2E.Infrastructure;
using ChatApp.Tests.Infrastructure;

namespace ChatApp.E2E.Backplane;

/// <summary>
/// Two instances of the app on two Kestrel ports, as an operator runs them: one PostgreSQL database, one Redis (a
/// prefix of this fixture's own). Both answer on "localhost", so one browser context is one browser whose load
/// balancer may send it to either: the cookies are the same, only the port differs.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    private readonly TestDatabase database = TestDatabase.Postgres();
    private readonly TestRedis redis = new();

    public KestrelAppFactory A { get; private set; } = default!;

    public KestrelAppFactory B { get; private set; } = default!;

    public string UrlA { get; private set; } = "";

    public string UrlB { get; private set; } = "";

    public Task InitializeAsync()
    {
        A = Node("node-a");
        B = Node("node-b");
        UrlA = A.Start();
        UrlB = B.Start();
        return Task.CompletedTask;
    }

    private KestrelAppFactory Node(string name) => new(settings: Settings(name));

    /// <summary>
    /// One more instance of the deployment, in a process of its own (the app as this run built it, in Development),
    /// so that a test can kill it as a crash would.
    /// </summary>
    public Task<AppProcess> StartProcessNodeAsync(string name)
    {
        var environment = Settings(name).ToDictionary(setting => setting.Key.Replace(":", "__"), setting => setting.Value);
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["Presence__LeaveDebounce"] = PresenceTiming.LeaveDebounce.ToString();
        environment["Presence__DisconnectGrace"] = PresenceTiming.DisconnectGrace.ToString();
        environment["RateLimits__Register__PermitLimit"] = "100000";
        environment["RateLimits__SignIn__PermitLimit"] = "100000";
        environment["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning";
        return AppProcess.StartAsync(AppProcess.BuiltApp(), $"http://localhost:{KestrelAppFactory.FreePort()}",
            Path.GetTempPath(), environment);
    }

    /// <summary>A node taken as gone this long after its last lease renewal: short, so a crash test takes seconds.</summary>
    public static readonly TimeSpan NodeDownAfter = TimeSpan.FromSeconds(3);

    private Dictionary<string, string> Settings(string name) => new()
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Default"] = database.Database.ConnectionString,
        ["Backplane:Redis"] = redis.Server,
        ["Backplane:Prefix"] = redis.Prefix,
        ["Backplane:NodeDownAfter"] = NodeDownAfter.ToString(),
        ["Presence:NodeId"] = name,
    };

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        redis.Dispose();
        await database.DisposeAsync();
    }
}
