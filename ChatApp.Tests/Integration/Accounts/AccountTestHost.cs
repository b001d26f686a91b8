using System.Collections.Concurrent;
using System.Net;
using ChatApp.Core.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatApp.Tests.Integration.Accounts;

/// <summary>
/// The app in memory with what the account tests look through: which address a request comes from (the
/// <see cref="AddressHeader"/>), how many password hashes were checked, what was logged, and a database that can be
/// made to refuse writes as a full disk does.
/// </summary>
public sealed class AccountTestHost : IAsyncDisposable
{
    public const string AddressHeader = "X-Test-Client-Address";
    public const string Password = "Tangerine-Kite-42";

    private readonly ChatAppFactory app = new();
    private readonly Lazy<WebApplicationFactory<Program>> web;

    public AccountTestHost(IReadOnlyDictionary<string, string>? settings = null)
    {
        // Limits out of the way unless a test sets one, and then a small one of its own host.
        foreach (var limit in new[] { "SignIn", "TwoFactor", "Register", "AccountEmail", "AccountPassword", "FailedSignInsPerAccount" })
        {
            app.Settings[$"RateLimits:{limit}:PermitLimit"] = "1000";
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            app.Settings[key] = value;
        }
        web = new(() => app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter>(new AddressFromHeader());
            services.AddSingleton<IPasswordHasher<ChatUser>>(Hasher);
            services.AddSingleton<ILoggerProvider>(Logs);
            services.ConfigureDbContext<ChatDbContext>(options => options.AddInterceptors(Writes));
        })));
    }

    public CountingPasswordHasher Hasher { get; } = new();

    public LogCapture Logs { get; } = new();

    public RefusableWrites Writes { get; } = new();

    public IServiceProvider Services => web.Value.Services;

    /// <summary>A browser at <paramref name="address"/>: keeps its cookies; redirects are followed unless told not to.</summary>
    public HttpClient Client(string address = "198.51.100.1", bool followRedirects = true)
    {
        var client = web.Value.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects });
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    /// <summary>
    /// A browser whose cookie jar is <paramref name="jar"/>: give two hosts the same jar and it is one browser that a
    /// load balancer sends to either instance.
    /// </summary>
    public HttpClient Client(CookieContainer jar, string address = "198.51.100.1")
    {
        var client = web.Value.CreateDefaultClient(new RedirectHandler(), new CookieContainerHandler(jar));
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    public async Task<ChatUser> CreateUserAsync(string name, Func<ChatUser, UserManager<ChatUser>, Task>? then = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        var user = new ChatUser { UserName = $"{name.ToLowerInvariant()}@example.test", Email = $"{name.ToLowerInvariant()}@example.test", DisplayName = name };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
        if (then is not null)
        {
            await then(user, users);
        }
        return user;
    }

    public async Task<ChatUser> FindAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        return await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}.");
    }

    public async Task<bool> ExistsAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>().FindByEmailAsync(email) is not null;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    /// <summary>Every request of the test host comes from one address; the header makes it another.</summary>
    private sealed class AddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use((context, following) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return following(context);
            });
            next(builder);
        };
    }
}

/// <summary>Identity's hasher, counting how often a password is checked against a hash.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<ChatUser>
{
    private readonly PasswordHasher<ChatUser> inner = new();
    private int verifications;

    public int Verifications => Volatile.Read(ref verifications);

    public string HashPassword(ChatUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(ChatUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref verifications);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>Every log entry the app writes, with its event id and structured values.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, string?> Values);

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public IEnumerable<Entry> WithEventId(int id) => Entries.Where(entry => entry.EventId.Id == id);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(pair => pair.Key, pair => pair.Value?.ToString())
                : new Dictionary<string, string?>();
            capture.Entries.Enqueue(new Entry(category, logLevel, eventId, formatter(state, exception), values));
        }
    }
}

/// <summary>Makes every save fail as SQLite does when the disk is full, while <see cref="Refusing"/> is set.</summary>
public sealed class RefusableWrites : SaveChangesInterceptor
{
    public bool Refusing { get; set; }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ThrowIfRefusing();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ThrowIfRefusing();
        return ValueTask.FromResult(result);
    }

    private void ThrowIfRefusing()
    {
        if (Refusing)
        {
            throw new DbUpdateException("An error occurred while saving the entity changes.", new SqliteException("SQLite Error 13: 'database or disk is full'.", 13));
        }
    }
}
