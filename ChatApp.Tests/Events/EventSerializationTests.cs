using System.Text.Json;
using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Content;
using ChatApp.Core.Chat.Direct;
using ChatApp.Core.Chat.Reading;
using ChatApp.Core.Diagnostics;
using ChatApp.Core.Events;
using ChatApp.Core.People;
using ChatApp.Core.Sessions;
using ChatApp.Core.Typing;

namespace ChatApp.Tests.Events;

/// <summary>
/// Every event can cross to another app instance: it round-trips through System.Text.Json unchanged, as the
/// Redis implementation will send it (the type's name beside the record's JSON).
/// </summary>
public sealed class EventSerializationTests
{
    private static readonly ChatEvent[] Samples =
    [
        new MessageSaved(new MessageView(7, 3, Guid.NewGuid(), "u-1", "Alice", "hi **there**", new DateTimeOffset(2026, 11, 30, 4, 0, 0, TimeSpan.FromHours(1))), ["u-2"]),
        new MessageChanged(new MessageView(8, 3, Guid.NewGuid(), "u-1", "Alice", "hi, edited", new DateTimeOffset(2026, 11, 30, 4, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 30, 4, 5, 0, 123, 456, TimeSpan.Zero), Deleted: false)),
        new RoomChange(3, RoomChangeKind.MemberRemoved, "u-2", AccessLost: true),
        new AccountChange("u-2", AccountChangeKind.RolesChanged, [3, 5]),
        new WatchListChanged("u-1"),
        new TypingChanged(3, 42, [new Typist("u-1", "Alice"), new Typist("u-3", "Carol")]),
        new SessionsEnded("u-1", ["k1", "k2"]),
        new DirectConversationStarted(9, "u-1"),
        new ReadPositionMoved("u-1", 3, 8),
        new MentionNotice("u-2", 3, "lobby", "Lobby", 7, "Alice", Here: false),
        new DisplayNameChanged("u-2", "Bobby"),
        new NodeStatusSample("node-a", new DateTimeOffset(2026, 11, 30, 4, 0, 10, TimeSpan.Zero), TimeSpan.FromSeconds(10), 3, 5, 4, 12, 1, 2,
            TimeSpan.FromMilliseconds(3.5), SendLatencyP99: null),
    ];

    public static IEnumerable<object[]> Events() => Samples.Select(e => new object[] { e });

    [Theory]
    [MemberData(nameof(Events))]
    public void AnEventRoundTripsThroughJsonUnchanged(ChatEvent sample)
    {
        var typeName = sample.GetType().Name;
        var json = JsonSerializer.Serialize(sample, sample.GetType());

        var type = typeof(ChatEvent).Assembly.GetTypes().Single(t => t.IsSubclassOf(typeof(ChatEvent)) && t.Name == typeName);
        var back = (ChatEvent)JsonSerializer.Deserialize(json, type)!;

        // Records compare lists by reference: compare what they serialize to instead.
        Assert.Equal(json, JsonSerializer.Serialize(back, type));
        Assert.Equal(sample.GetType(), back.GetType());
    }

    [Fact]
    public void EveryEventTypeHasASampleAndAUniqueName()
    {
        var types = typeof(ChatEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(ChatEvent)) && !t.IsAbstract).ToList();

        Assert.Equal(types.Select(t => t.Name).Order(), Samples.Select(s => s.GetType().Name).Order());
        Assert.Equal(types.Count, types.Select(t => t.Name).Distinct().Count());
    }
}
