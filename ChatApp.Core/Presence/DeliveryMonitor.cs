namespace ChatApp.Core.Presence;

/// <summary>Counts subscriber mailboxes being drained, so callers (tests, shutdown) can wait until all deliveries ran.</summary>
internal sealed class DeliveryMonitor
{
    private readonly Lock gate = new();
    private int active;
    private TaskCompletionSource? idle;

    public void Begin()
    {
        lock (gate)
        {
            active++;
        }
    }

    public void End()
    {
        lock (gate)
        {
            if (--active == 0 && idle is not null)
            {
                idle.TrySetResult();
                idle = null;
            }
        }
    }

    public Task WhenIdle()
    {
        lock (gate)
        {
            if (active == 0)
            {
                return Task.CompletedTask;
            }
            idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return idle.Task;
        }
    }
}
