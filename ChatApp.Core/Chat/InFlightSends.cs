namespace ChatApp.Core.Chat;

/// <summary>
/// The sends under way, so a graceful stop can finish them: once <see cref="Close"/> is called no new send starts (it
/// gets a clear "restarting" error instead of being lost), and <see cref="WhenDrained"/> completes when the last one
/// that started before has been saved and published. Thread-safe: every circuit sends through the one instance.
/// </summary>
public sealed class InFlightSends
{
    private readonly Lock gate = new();
    private int active;
    private bool closed;
    private TaskCompletionSource? drained;

    public bool IsClosed
    {
        get
        {
            lock (gate)
            {
                return closed;
            }
        }
    }

    /// <summary>How many sends are under way now.</summary>
    public int Active
    {
        get
        {
            lock (gate)
            {
                return active;
            }
        }
    }

    /// <summary>Counts a send in; false once closed (the send must not start).</summary>
    public bool TryEnter()
    {
        lock (gate)
        {
            if (closed)
            {
                return false;
            }
            active++;
            return true;
        }
    }

    public void Exit()
    {
        TaskCompletionSource? done = null;
        lock (gate)
        {
            if (--active == 0 && closed)
            {
                (done, drained) = (drained, null);
            }
        }
        done?.TrySetResult();
    }

    /// <summary>No send starts from now on; those under way go on.</summary>
    public void Close()
    {
        lock (gate)
        {
            closed = true;
        }
    }

    /// <summary>Completes when no send is under way (call after <see cref="Close"/>, or new ones may keep it busy).</summary>
    public Task WhenDrained()
    {
        lock (gate)
        {
            if (active == 0)
            {
                return Task.CompletedTask;
            }
            drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return drained.Task;
        }
    }
}
