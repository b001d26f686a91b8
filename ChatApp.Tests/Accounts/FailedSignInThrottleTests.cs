using ChatApp.Core.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Accounts;

public sealed class FailedSignInThrottleTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private readonly FakeTimeProvider time = new();
    private readonly FailedSignInThrottle throttle;

    public FailedSignInThrottleTests() => throttle = new FailedSignInThrottle(time, () => (3, Window));

    [Fact]
    public void AnAddressIsHeldBackFromAnAccountAfterTheLimitOfFailures()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(throttle.RetryAfter("203.0.113.1", "ann@example.test"));
            throttle.RecordFailure("203.0.113.1", "ann@example.test");
        }

        Assert.Equal(Window, throttle.RetryAfter("203.0.113.1", "ANN@example.test "));
        Assert.Null(throttle.RetryAfter("203.0.113.2", "ann@example.test"));
        Assert.Null(throttle.RetryAfter("203.0.113.1", "bob@example.test"));
    }

    [Fact]
    public void FailuresOlderThanTheWindowNoLongerCount()
    {
        for (var i = 0; i < 3; i++)
        {
            throttle.RecordFailure("203.0.113.1", "ann@example.test");
            time.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.Equal(TimeSpan.FromMinutes(12), throttle.RetryAfter("203.0.113.1", "ann@example.test"));

        time.Advance(TimeSpan.FromMinutes(12));

        Assert.Null(throttle.RetryAfter("203.0.113.1", "ann@example.test"));
    }

    [Fact]
    public void TheRightPasswordForgetsTheTypos()
    {
        throttle.RecordFailure("203.0.113.1", "ann@example.test");
        throttle.RecordFailure("203.0.113.1", "ann@example.test");
        throttle.Forget("203.0.113.1", "ann@example.test");
        throttle.RecordFailure("203.0.113.1", "ann@example.test");
        throttle.RecordFailure("203.0.113.1", "ann@example.test");

        Assert.Null(throttle.RetryAfter("203.0.113.1", "ann@example.test"));
    }

    [Fact]
    public void FailuresFromManyThreadsAreAllCounted()
    {
        var many = new FailedSignInThrottle(time, () => (4_000, Window));

        Parallel.For(0, 4_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            many.RecordFailure("203.0.113.1", "ann@example.test");
            many.RecordFailure($"198.51.100.{i % 200}", $"user{i}@example.test");
        });

        Assert.NotNull(many.RetryAfter("203.0.113.1", "ann@example.test"));
    }

    [Fact]
    public void StrangersCannotGrowItForeverWithNewEmails()
    {
        for (var i = 0; i < 2_000; i++)
        {
            throttle.RecordFailure("203.0.113.1", $"made-up-{i}@example.test");
        }
        time.Advance(Window);

        for (var i = 0; i < 1_024; i++)
        {
            throttle.RecordFailure("203.0.113.1", "ann@example.test");
        }

        Assert.True(throttle.TrackedPairs < 100, $"{throttle.TrackedPairs} pairs kept");
    }
}
