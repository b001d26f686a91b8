using ChatApp.Core.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Accounts;

public sealed class CurrentPasswordThrottleTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private readonly FakeTimeProvider time = new();
    private readonly CurrentPasswordThrottle throttle;

    public CurrentPasswordThrottleTests() => throttle = new CurrentPasswordThrottle(time, () => (5, Window));

    [Fact]
    public void AnAccountMayTryFiveTimesThenWaitsUntilTheOldestAttemptIsAWindowOld()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(throttle.TryBegin("ann"));
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(TimeSpan.FromMinutes(10), throttle.TryBegin("ann"));
        Assert.Null(throttle.TryBegin("bob"));

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Null(throttle.TryBegin("ann"));
        Assert.NotNull(throttle.TryBegin("ann"));
    }

    [Fact]
    public void TheRightPasswordGivesTheAccountItsBudgetBack()
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(throttle.TryBegin("ann"));
        }

        throttle.PasswordWasRight("ann");

        for (var i = 0; i < 5; i++)
        {
            Assert.Null(throttle.TryBegin("ann"));
        }
        Assert.NotNull(throttle.TryBegin("ann"));
    }

    [Fact]
    public async Task ManyAttemptsAtOnceGetNoMoreThanTheLimitThrough()
    {
        var allowed = 0;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() =>
        {
            if (throttle.TryBegin("ann") is null)
            {
                Interlocked.Increment(ref allowed);
            }
        })));

        Assert.Equal(5, allowed);
    }
}
