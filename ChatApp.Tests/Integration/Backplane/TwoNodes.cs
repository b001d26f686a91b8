using ChatApp.Tests.Infrastructure;
using ChatApp.Tests.Integration.Accounts;

namespace ChatApp.Tests.Integration.Backplane;

/// <summary>
/// Two instances of the whole app in one test process, as an operator runs them behind a load balancer: one
/// PostgreSQL database, one Redis (a prefix of the test's own), each node with its own name and its own local key
/// folder (so only the shared key ring can make a cookie of one good on the other).
/// </summary>
public sealed class TwoNodes : IAsyncDisposable
{
    private readonly TestDatabase database = TestDatabase.Postgres();

    public TwoNodes(IReadOnlyDictionary<string, string>? settings = null)
    {
        A = Node("node-a", settings);
        B = Node("node-b", settings);
    }

    public TestRedis Redis { get; } = new();

    public AccountTestHost A { get; }

    public AccountTestHost B { get; }

    private AccountTestHost Node(string name, IReadOnlyDictionary<string, string>? settings)
    {
        var all = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = database.Database.ConnectionString,
            ["Backplane:Redis"] = Redis.Server,
            ["Backplane:Prefix"] = Redis.Prefix,
            ["Presence:NodeId"] = name,
            ["DataProtection:KeysPath"] = Path.Combine(Path.GetTempPath(), $"chatapp-keys-{Redis.Prefix}-{name}"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        return new AccountTestHost(all);
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        Redis.Dispose();
        await database.DisposeAsync();
        foreach (var name in new[] { "node-a", "node-b" })
        {
            var keys = Path.Combine(Path.GetTempPath(), $"chatapp-keys-{Redis.Prefix}-{name}");
            if (Directory.Exists(keys))
            {
                Directory.Delete(keys, recursive: true);
            }
        }
    }
}
