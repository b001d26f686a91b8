using ChatApp.Core.Chat;
using ChatApp.Web.Components.Pages.Rooms;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>A tab's messages keep the newest version of each, whichever way and order versions arrive.</summary>
public sealed class RoomMessagesChangeTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static MessageView Message(long seq, string text) => new(seq, 1, Guid.NewGuid(), "alice", "Alice", text, At);

    [Fact]
    public void AnEditReplacesTheMessageInPlace()
    {
        var messages = new RoomMessages(500);
        messages.AddPage(new MessagePage([Message(1, "one"), Message(2, "two")], false));

        Assert.True(messages.Change(messages.Items[0] with { Text = "one!", EditedAt = At.AddMinutes(1) }));

        Assert.Equal(["one!", "two"], messages.Items.Select(m => m.Text));
        Assert.False(messages.Change(messages.Items[0] with { Text = "stale", EditedAt = At }));
        Assert.Equal("one!", messages.Items[0].Text);
    }

    [Fact]
    public void AnEditThatArrivesBeforeThePageItChangesIsNotUndoneByThePage()
    {
        var messages = new RoomMessages(500);
        var original = Message(3, "before");

        Assert.False(messages.Change(original with { Text = "after", EditedAt = At.AddMinutes(1) }));
        messages.AddPage(new MessagePage([Message(2, "two"), original], false));

        Assert.Equal(["two", "after"], messages.Items.Select(m => m.Text));
    }

    [Fact]
    public void ADeletionWinsOverAnyEdit()
    {
        var messages = new RoomMessages(500);
        var original = Message(1, "text");
        messages.AddNew(original);

        messages.Change(original with { Text = "", Deleted = true });
        messages.Change(original with { Text = "late edit", EditedAt = At.AddHours(1) });
        messages.AddNew(original);

        Assert.True(Assert.Single(messages.Items).Deleted);
    }
}
