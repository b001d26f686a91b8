namespace ChatApp.Core;

/// <summary>Runs its unsubscribe action once, however often it is disposed and from whichever thread.</summary>
public sealed class Subscription(Action unsubscribe) : IDisposable
{
    private int disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            unsubscribe();
        }
    }
}
