using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Core.Presence;
using ChatApp.Core.Typing;
using Microsoft.Extensions.Time.Testing;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Typing;

public sealed class TypingServiceTests : ChatServiceTest
{
    private TypingService typing => Get<TypingService>();
    private readonly List<string[]> seenByBob = [];

    private async Task<IDisposable> BobWatchesAsync(int roomId)
    {
        var subscription = typing.Subscribe(await AccessAsync(Bob.Id, roomId), typists =>
        {
            lock (seenByBob)
            {
                seenByBob.Add(typists.Select(t => t.DisplayName).ToArray());
            }
        });
        Assert.True(subscription.Succeeded);
        return subscription.Value!;
    }

    private string[] BobSeesNow() => seenByBob[^1];

    [Fact]
    public async Task TypingShowsAtOnceAndClearsAfterSilence()
    {
        using var _ = await BobWatchesAsync(Lobby.Id);

        typing.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));
        Assert.Equal(["Alice"], BobSeesNow());

        Chat.Time.Advance(Chat.Typing.Expiry - TimeSpan.FromMilliseconds(1));
        Assert.Equal(["Alice"], BobSeesNow());

        Chat.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Empty(BobSeesNow());
    }

    [Fact]
    public async Task SteadyTypingStaysShownWithoutRepeatedNotices()
    {
        using var _ = await BobWatchesAsync(Lobby.Id);

        for (var i = 0; i < 40; i++)
        {
            typing.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));
            Chat.Time.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.Equal(["Alice"], BobSeesNow());
        Assert.Equal(2, seenByBob.Count);
    }

    [Fact]
    public async Task ThrottledSignalsDoNotExtendTheIndicator()
    {
        using var _ = await BobWatchesAsync(Lobby.Id);
        typing.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));

        Chat.Time.Advance(Chat.Typing.Throttle - TimeSpan.FromMilliseconds(1));
        typing.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));
        Chat.Time.Advance(Chat.Typing.Expiry - Chat.Typing.Throttle + TimeSpan.FromMilliseconds(1));

        Assert.Empty(BobSeesNow());
    }

    [Fact]
    public async Task ATimerThatFiresBeforeTheDeadlineDoesNotLeaveTheIndicatorForever()
    {
        // Timers and the wall clock drift apart by a hair; an early tick must re-arm, not give up.
        var early = new EarlyTimerTime(Chat.Time, TimeSpan.FromMilliseconds(3));
        using var service = new TypingService(Provider.GetRequiredService<PresenceTracker>(),
            Provider.GetRequiredService<IEventBus>(), early, Microsoft.Extensions.Options.Options.Create(Chat.Typing));

        service.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));
        Chat.Time.Advance(Chat.Typing.Expiry - TimeSpan.FromMilliseconds(1));
        Assert.Single(service.TypingIn(Lobby.Id));
        Chat.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Empty(service.TypingIn(Lobby.Id));
    }

    /// <summary>A clock whose timers fire <paramref name="lead"/> before the time they were asked for.</summary>
    private sealed class EarlyTimerTime(FakeTimeProvider inner, TimeSpan lead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            new EarlyTimer(inner.CreateTimer(callback, state, Shorten(dueTime), period), lead);

        private TimeSpan Shorten(TimeSpan due) => due == Timeout.InfiniteTimeSpan || due <= lead ? due : due - lead;

        private sealed class EarlyTimer(ITimer inner, TimeSpan lead) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) =>
                inner.Change(dueTime == Timeout.InfiniteTimeSpan || dueTime <= lead ? dueTime : dueTime - lead, period);

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }

    [Fact]
    public async Task SendingStopsTheIndicatorAtOnce()
    {
        using var _ = await BobWatchesAsync(Lobby.Id);
        typing.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));

        typing.StopTyping(Alice.Id, Lobby.Id);

        Assert.Empty(BobSeesNow());
        Assert.Equal([], typing.TypingIn(Lobby.Id));
    }

    [Fact]
    public async Task SeveralTypistsAreListedByName()
    {
        var carol = await ChatTestServices.CreateUserAsync(Provider, "Carol");
        using var _ = await BobWatchesAsync(Lobby.Id);

        typing.SignalTyping(await AccessAsync(carol.Id, Lobby.Id));
        typing.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));

        Assert.Equal(["Alice", "Carol"], BobSeesNow());
    }

    [Fact]
    public async Task TypingInAPrivateRoomReachesOnlyItsMembers()
    {
        var secret = await ChatTestServices.CreateRoomAsync(Provider, "secret", isPrivate: true);
        await ChatTestServices.AddMemberAsync(Provider, secret, Alice);

        // An outsider cannot open the room, so has no access to watch or signal with; a member's ended access neither.
        var outsider = await Get<ChatService>().OpenRoomAsync(Bob.Id, secret.Id);
        var ended = await AccessAsync(Alice.Id, secret.Id);
        ended.Dispose();
        var endedWatch = typing.Subscribe(ended, _ => Assert.Fail("an ended access heard typing"));
        var endedSignal = typing.SignalTyping(ended);
        typing.SignalTyping(await AccessAsync(Alice.Id, secret.Id));

        Assert.Equal(ChatErrorKind.NotAllowed, outsider.Error?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, endedWatch.Error?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, endedSignal?.Kind);
        Assert.Equal(["Alice"], typing.TypingIn(secret.Id).Select(t => t.DisplayName));
    }

    [Fact]
    public async Task DisposedSubscriptionHearsNothingAndIdleRoomsAreForgotten()
    {
        var subscription = await BobWatchesAsync(Lobby.Id);
        subscription.Dispose();
        var heard = seenByBob.Count;

        typing.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));
        Chat.Time.Advance(Chat.Typing.Expiry);

        Assert.Equal(heard, seenByBob.Count);
        Assert.Equal(0, typing.TrackedRoomCount);
    }

    [Fact]
    public async Task ManyTypistsAcrossThreadsAllExpire()
    {
        var users = new List<ChatUser>();
        for (var i = 0; i < 6; i++)
        {
            users.Add(await ChatTestServices.CreateUserAsync(Provider, $"Typist{i}"));
        }
        using var _ = await BobWatchesAsync(Lobby.Id);

        await Task.WhenAll(users.Select(u => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                typing.SignalTyping(await AccessAsync(u.Id, Lobby.Id));
                if (i % 7 == 0)
                {
                    typing.StopTyping(u.Id, Lobby.Id);
                }
            }
        })));
        Chat.Time.Advance(Chat.Typing.Expiry);

        Assert.Empty(typing.TypingIn(Lobby.Id));
        Assert.Empty(BobSeesNow());
    }

    [Fact]
    public async Task RacingChangesNeverLeaveAWatcherWithAStaleList()
    {
        var users = new List<ChatUser>();
        for (var i = 0; i < 8; i++)
        {
            users.Add(await ChatTestServices.CreateUserAsync(Provider, $"Racer{i}"));
        }
        using var _ = await BobWatchesAsync(Lobby.Id);

        var accesses = new List<RoomAccess>();
        foreach (var u in users)
        {
            accesses.Add(await AccessAsync(u.Id, Lobby.Id));
        }
        await Task.WhenAll(accesses.Select(a => Task.Run(() => typing.SignalTyping(a))));

        Assert.Equal(users.Select(u => u.DisplayName).Order(), BobSeesNow());
    }

    [Fact]
    public async Task ClearingTheBoxAndTypingAgainIsStillThrottled()
    {
        var seen = new List<IReadOnlyList<Typist>>();
        using var watch = typing.Subscribe(await AccessAsync(Bob.Id, Lobby.Id), t => seen.Add(t)).Value!;
        seen.Clear();

        for (var i = 0; i < 10; i++)
        {
            typing.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));
            typing.StopTyping(Alice.Id, Lobby.Id);
        }

        Assert.Equal(2, seen.Count);
        Chat.Time.Advance(Chat.Typing.Throttle);
        typing.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));
        Assert.Equal(["Alice"], seen[^1].Select(t => t.DisplayName));
    }
}
