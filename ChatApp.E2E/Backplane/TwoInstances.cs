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

    private KestrelAppFactory Node(string name) => new(settings: new Dictionary<string, string>
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Default"] = database.Database.ConnectionString,
        ["Backplane:Redis"] = redis.Server,
        ["Backplane:Prefix"] = redis.Prefix,
        ["Presence:NodeId"] = name,
    });

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        redis.Dispose();
        await database.DisposeAsync();
    }
}
