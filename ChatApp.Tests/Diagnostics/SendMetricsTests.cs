using System.Diagnostics.Metrics;
using ChatApp.Core.Chat;
using ChatApp.Core.Diagnostics;
using ChatApp.Core.Events;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ChatApp.Tests.Diagnostics;

/// <summary>What a send records: the message, how long from the start of its save to the end of its publication, refusals.</summary>
public sealed class SendMetricsTests : ChatServiceTest
{
    private MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(Get<IMeterFactory>(), ChatMetrics.MeterName, instrument);

    [Fact]
    public async Task ASentMessageIsCountedWithItsTimeFromSaveToTheEndOfItsPublication()
    {
        using var sent = Collect<long>(ChatMetrics.Names.MessagesSent);
        using var durations = Collect<double>(ChatMetrics.Names.SendDuration);
        // Whoever reacts to the publication takes a quarter of a second: the send's time runs to the end of it.
        using var slowReader = Get<IEventBus>().Observe<MessageSaved>((_, _) => Chat.Time.Advance(TimeSpan.FromMilliseconds(250)), _ => { });

        var result = await Get<ChatService>().SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "hello");

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(1, sent.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(0.25, Assert.Single(durations.GetMeasurementSnapshot()).Value, precision: 6);
    }

    [Fact]
    public async Task ARetriedSendAndARefusedOneAreNotCountedAsSent()
    {
        using var sent = Collect<long>(ChatMetrics.Names.MessagesSent);
        using var durations = Collect<double>(ChatMetrics.Names.SendDuration);
        var chat = Get<ChatService>();
        var id = Guid.NewGuid();

        await chat.SendAsync(Alice.Id, Lobby.Id, id, "once");
        await chat.SendAsync(Alice.Id, Lobby.Id, id, "once");
        await chat.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "   ");

        Assert.Equal(1, sent.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Single(durations.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task ASendOverTheBudgetIsCountedAsARefusalOfTheSendLimit()
    {
        using var sent = Collect<long>(ChatMetrics.Names.MessagesSent);
        using var refusals = Collect<long>(ChatMetrics.Names.RateLimitRefusals);
        var chat = Get<ChatService>();
        for (var i = 0; i < Chat.Options.SendLimitCount; i++)
        {
            Assert.True((await chat.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), $"message {i}")).Succeeded);
        }
        Assert.Empty(refusals.GetMeasurementSnapshot());

        var refused = await chat.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "one too many");

        Assert.Equal(ChatErrorKind.TooFast, refused.Error?.Kind);
        var refusal = Assert.Single(refusals.GetMeasurementSnapshot());
        Assert.Equal(1, refusal.Value);
        Assert.Equal(ChatMetrics.Limits.Send, refusal.Tags[ChatMetrics.LimitTag]);
        Assert.Equal(Chat.Options.SendLimitCount, sent.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task SendsFromManyThreadsAtOnceAreEachCountedOnce()
    {
        using var sent = Collect<long>(ChatMetrics.Names.MessagesSent);
        using var durations = Collect<double>(ChatMetrics.Names.SendDuration);
        var chat = Get<ChatService>();
        var senders = new[] { Alice.Id, Bob.Id };

        var results = await Task.WhenAll(Enumerable.Range(0, 2 * Chat.Options.SendLimitCount).Select(i =>
            Task.Run(() => chat.SendAsync(senders[i % 2], Lobby.Id, Guid.NewGuid(), $"at once {i}"))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal(results.Length, sent.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(results.Length, durations.GetMeasurementSnapshot().Count);
    }
}
