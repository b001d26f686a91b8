using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Core.Sessions;
using ChatApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Tests.Sessions;

/// <summary>The session store and rules on the test's own migrated database, with the fake clock.</summary>
public abstract class SessionTest(Func<TestDatabase>? database = null) : ChatServiceTest(database)
{
    protected UserSessionOptions Options { get; } = new();
    protected IEventBus Events => Get<IEventBus>();
    protected SessionStore Store { get; private set; } = default!;
    protected SessionService Service { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var db = Get<IDbContextFactory<ChatDbContext>>();
        Store = new SessionStore(db, Chat.Time, Microsoft.Extensions.Options.Options.Create(Options));
        Service = new SessionService(db, Events, Chat.Time);
    }

    protected SessionTicket TicketOf(ChatUser user, string claims = "v1", TimeSpan? lifetime = null) =>
        new(user.Id, System.Text.Encoding.UTF8.GetBytes($"{user.Id}:{claims}"), claims, Chat.Time.GetUtcNow() + (lifetime ?? TimeSpan.FromDays(14)));

    protected async Task<string> SignInAsync(ChatUser user, string userAgent = "", string? address = "192.0.2.1", TimeSpan? lifetime = null)
    {
        var key = SessionStore.NewKey();
        await Store.CreateAsync(key, TicketOf(user, lifetime: lifetime), userAgent, address);
        return key;
    }

    protected async Task<UserSession?> RowAsync(string key)
    {
        await using var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        return await db.UserSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key);
    }
}
