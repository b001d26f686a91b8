namespace ChatApp.Web.Operations.Shutdown;

/// <summary>
/// Runs <see cref="GracefulShutdown"/> inside ApplicationStopping, before anything else stops. The hook is hung once
/// the app has started, after the framework's own: a token runs its callbacks last registered first, so this one runs
/// before SignalR closes every connection on the same token (the tabs must still be there to be told), and it holds
/// that token's other callbacks until it is done (each of its steps is bounded).
/// </summary>
internal sealed class GracefulShutdownHook(IHostApplicationLifetime lifetime, GracefulShutdown shutdown) : IHostedService
{
    private CancellationTokenRegistration started;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        started = lifetime.ApplicationStarted.Register(() =>
            lifetime.ApplicationStopping.Register(() => Task.Run(shutdown.StopAsync).GetAwaiter().GetResult()));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Stopped without ApplicationStopping (a host disposed without a stop): the same steps.
        started.Dispose();
        return shutdown.StopAsync();
    }
}
