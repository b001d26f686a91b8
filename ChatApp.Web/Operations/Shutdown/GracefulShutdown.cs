using ChatApp.Core.Chat;
using ChatApp.Core.Diagnostics;
using ChatApp.Core.Presence;
using Microsoft.Extensions.Options;

namespace ChatApp.Web.Operations.Shutdown;

/// <summary>
/// What this instance does the moment it is told to stop (SIGTERM, i.e. IHostApplicationLifetime.StopApplication),
/// before SignalR drops the tabs' connections and the hosted services stop: it refuses new circuits and new sends,
/// tells every open tab it is restarting, waits for the sends under way to be saved and published, and takes every
/// local tab out of presence at once (the others see the leave now, not after the debounce or a lease). Each wait is
/// bounded, together well within <see cref="ShutdownOptions.ShutdownTimeout"/>. Thread-safe; runs once.
/// </summary>
public sealed partial class GracefulShutdown(
    InFlightSends sends,
    PresenceTracker presence,
    IOptions<ShutdownOptions> options,
    TimeProvider time,
    ILogger<GracefulShutdown> logger)
{
    /// <summary>How long the tabs' notices may take to go out before their connections close.</summary>
    internal static readonly TimeSpan NoticeWait = TimeSpan.FromSeconds(2);

    private readonly Lock gate = new();
    // A set: every tab registers when it opens and leaves when it closes (thousands of them, at any time).
    private readonly HashSet<Func<Task>> tabs = [];
    private int stopping;

    public bool IsStopping => Volatile.Read(ref stopping) == 1;

    /// <summary>
    /// A tab's way to be told the app is restarting (run on the thread pool: marshal with InvokeAsync). Called at once
    /// if the app is already stopping. Dispose to stop listening.
    /// </summary>
    public IDisposable OnRestarting(Func<Task> notify)
    {
        lock (gate)
        {
            if (!IsStopping)
            {
                tabs.Add(notify);
                return new Registration(this, notify);
            }
        }
        _ = Notify(notify);
        return new Registration(this, notify);
    }

    /// <summary>The stop's first steps; a second call does nothing and returns at once.</summary>
    public async Task StopAsync()
    {
        Func<Task>[] toTell;
        lock (gate)
        {
            if (Interlocked.Exchange(ref stopping, 1) == 1)
            {
                return;
            }
            toTell = [.. tabs];
        }
        var started = time.GetTimestamp();
        sends.Close();
        // Half the budget at most for what is ours: the hosted services (read marks, last seen, Redis) need the rest.
        var budget = options.Value.ShutdownTimeout / 2;

        var told = await Within(Task.WhenAll(toTell.Select(Notify)), NoticeWait);
        var under = sends.Active;
        var finished = await Within(sends.WhenDrained(), budget - time.GetElapsedTime(started));
        int left;
        using (var leaving = new CancellationTokenSource(Max(budget - time.GetElapsedTime(started), TimeSpan.FromSeconds(1)), time))
        {
            try
            {
                left = await presence.LeaveAllAsync(leaving.Token);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Presence could not be flushed on stop");
                left = -1;
            }
        }
        Stopped(toTell.Length, told, under, finished, left, (long)time.GetElapsedTime(started).TotalMilliseconds);
    }

    private void Forget(Func<Task> notify)
    {
        lock (gate)
        {
            tabs.Remove(notify);
        }
    }

    private async Task Notify(Func<Task> notify)
    {
        try
        {
            await notify();
        }
        catch (Exception ex)
        {
            // A tab that cannot be told (its connection already gone) must not keep the others from hearing it.
            logger.LogDebug(ex, "A tab could not be told the app is restarting");
        }
    }

    private async Task<bool> Within(Task task, TimeSpan limit)
    {
        try
        {
            await task.WaitAsync(Max(limit, TimeSpan.Zero), time);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(EventId = LogEvents.GracefulStop, EventName = "GracefulStop", Level = LogLevel.Information,
        Message = "Stopping: {Tabs} tab(s) told (all in time: {Told}), {Sends} send(s) under way (finished: {Finished}), {Left} presence(s) left at once, in {Milliseconds} ms")]
    private partial void Stopped(int tabs, bool told, int sends, bool finished, int left, long milliseconds);

    private sealed class Registration(GracefulShutdown owner, Func<Task> notify) : IDisposable
    {
        public void Dispose() => owner.Forget(notify);
    }
}
