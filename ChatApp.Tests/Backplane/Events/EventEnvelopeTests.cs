using System.Text;
using ChatApp.Core.Events;
using ChatApp.Redis.Events;

namespace ChatApp.Tests.Backplane.Events;

/// <summary>What crosses Redis: every event type as it was, and nothing else made from Redis's content.</summary>
public sealed class EventEnvelopeTests
{
    public static TheoryData<string> EventTypes => [.. EventSamples.Types.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void AnEventOfEveryTypeRoundTripsThroughTheEnvelopeUnchanged(string typeName)
    {
        var sample = EventSamples.Of(EventSamples.Types.Single(t => t.Name == typeName));

        var back = EventEnvelope.Read(EventEnvelope.ForEvent("node-a", sample));

        Assert.Equal("node-a", back.Node);
        Assert.Equal(sample.GetType(), back.Event?.GetType());
        Assert.Equal(EventSamples.Json(sample), EventSamples.Json(back.Event!));
    }

    [Fact]
    public void TheEnvelopeKnowsEveryEventTypeOfCoreAndNothingElse() =>
        Assert.Equal(EventSamples.Types.Select(t => t.Name), EventEnvelope.Types.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("""{"type":"MessageSaved","event":{}}""")]
    [InlineData("""{"node":"b","type":"System.IO.FileInfo","event":{"OriginalPath":"/etc/passwd"}}""")]
    [InlineData("""{"node":"b","type":"ChatEvent","event":{}}""")]
    [InlineData("""{"node":"b","type":"WatchListChanged"}""")]
    [InlineData("""{"node":"b","type":"WatchListChanged","event":{}}""")]
    [InlineData("""{"node":"b","type":"WatchListChanged","event":{"UserId":null}}""")]
    [InlineData("""{"node":"b","type":"MessageSaved","event":{"Message":{"Seq":"one"}}}""")]
    [InlineData("""{"node":"b","gap":"yes"}""")]
    public void AnythingButAnEventOfOursIsRefused(string payload)
    {
        var error = Record.Exception(() => EventEnvelope.Read(Encoding.UTF8.GetBytes(payload)));

        Assert.True(error is InvalidDataException or System.Text.Json.JsonException, $"{payload} gave {error?.GetType().Name ?? "an event"}");
    }

    [Fact]
    public void AnOversizedMessageIsRefusedUnread()
    {
        var huge = Encoding.UTF8.GetBytes("{\"node\":\"b\",\"type\":\"WatchListChanged\",\"event\":{\"UserId\":\"" + new string('x', EventEnvelope.MaxBytes) + "\"}}");

        Assert.Throws<InvalidDataException>(() => EventEnvelope.Read(huge));
    }

    [Fact]
    public void AGapNoticeNamesItsNodeAndNoEvent()
    {
        var notice = EventEnvelope.Read(EventEnvelope.ForGap("node-a"));

        Assert.Equal(new EventEnvelope.Received("node-a", null), notice);
    }

    [Fact]
    public void AnEventTypeOutsideCoreIsNotSentAtAll() =>
        Assert.Throws<ArgumentException>(() => EventEnvelope.ForEvent("node-a", new Stray()));

    private sealed record Stray : ChatEvent;
}
