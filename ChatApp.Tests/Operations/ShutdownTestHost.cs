using ChatApp.Core.Chat;
using ChatApp.Tests.Integration;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Operations;

/// <summary>
/// The app in memory on a fake clock that only the test moves (so "at once" cannot be "after a debounce"), with a send
/// budget that can hold a send half way, as a slow database would, until the test lets it go.
/// </summary>
internal sealed class ShutdownTestHost : IAsyncDisposable
{
    private readonly ChatAppFactory app = new();

    public ShutdownTestHost(Action<Dictionary<string, string>>? settings = null)
    {
        // Every presence change is delivered as it is made: nothing waits for a tick the fake clock never gives.
        app.Settings["Presence:DiffTick"] = "00:00:00";
        settings?.Invoke(app.Settings);
        Web = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<ISendRateLimiter>(Sends);
        }));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public HeldSends Sends { get; } = new();

    public WebApplicationFactory<Program> Web { get; }

    public IServiceProvider Services => Web.Services;

    /// <summary>The database file: read directly, since a stopped app disposes its services.</summary>
    public string DatabasePath => app.DatabasePath;

    public async ValueTask DisposeAsync()
    {
        Sends.Release();
        await Web.DisposeAsync();
        await app.DisposeAsync();
    }

    /// <summary>Lets every send through, except while <see cref="Hold"/> is on: then a send waits in here until released.</summary>
    internal sealed class HeldSends : ISendRateLimiter
    {
        private volatile TaskCompletionSource? held;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Hold() => held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => held?.TrySetResult();

        public async ValueTask<SendPermit?> TryAcquireAsync(string userId, CancellationToken ct = default)
        {
            if (held is { } wait)
            {
                Entered.TrySetResult();
                await wait.Task;
            }
            return new SendPermit(userId, DateTimeOffset.UnixEpoch);
        }

        public ValueTask RefundAsync(SendPermit permit) => ValueTask.CompletedTask;
    }
}
