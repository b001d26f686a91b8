using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using ChatApp.Tests.Infrastructure;

namespace ChatApp.Tests.Chat;

/// <summary>The shared newest page shows edits and deletions, including those that cross its first read.</summary>
public sealed class RoomHistoryCacheChangeTests : ChatServiceTest
{
    private RoomHistoryCache Cache => Get<RoomHistoryCache>();
    private ChatService Service => Get<ChatService>();
    private IEventBus Bus => Get<IEventBus>();

    private async Task<MessageView> SendAsync(string text)
    {
        var sent = await Service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), text);
        Assert.True(sent.Succeeded, sent.Error?.Message);
        return sent.Value!;
    }

    private async Task<IReadOnlyList<MessageView>> NewestAsync() => (await Service.GetHistoryAsync(Bob.Id, Lobby.Id)).Value!.Messages;

    [Fact]
    public async Task AnEditOrDeletionReplacesTheMessageInTheHeldPage()
    {
        var first = await SendAsync("frist");
        var second = await SendAsync("second");
        Assert.Equal(["frist", "second"], (await NewestAsync()).Select(m => m.Text));

        await Service.EditAsync(Alice.Id, Lobby.Id, first.Seq, "first");
        await Service.DeleteAsync(Alice.Id, Lobby.Id, second.Seq);

        var page = await NewestAsync();
        Assert.Equal(1, Cache.RoomCount);
        Assert.Equal("first", page[0].Text);
        Assert.NotNull(page[0].EditedAt);
        Assert.True(page[1].Deleted);
        Assert.Equal("", page[1].Text);
    }

    [Fact]
    public async Task AnEditSavedWhileThePageIsFirstReadIsNotLostToTheOldVersionTheReadReturns()
    {
        var sent = await SendAsync("old text");
        var readStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finishRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The first read found the old version; before it is kept, the edit is saved and published.
        var reading = Cache.NewestAsync(Lobby.Id, async _ =>
        {
            readStarted.TrySetResult();
            await finishRead.Task;
            return [sent];
        }, CancellationToken.None);
        await readStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True((await Service.EditAsync(Alice.Id, Lobby.Id, sent.Seq, "new text")).Succeeded);
        finishRead.SetResult();
        await reading.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("new text", Assert.Single(await NewestAsync()).Text);
    }

    [Fact]
    public async Task AChangeHeardBeforeItsMessageIsAppliedWhenTheMessageArrives()
    {
        var sent = await SendAsync("one");
        Assert.Single(await NewestAsync());
        var two = sent with { Seq = 2, Text = "two", ClientMessageId = Guid.NewGuid() };

        // Through a backplane, another instance's edit may arrive before the message it edits.
        Bus.Publish(EventKey.Room(Lobby.Id), new MessageChanged(two with { Text = "two, edited", EditedAt = sent.SentAt.AddMinutes(1) }));
        Bus.Publish(EventKey.Room(Lobby.Id), new MessageSaved(two));

        Assert.Equal(["one", "two, edited"], (await NewestAsync()).Select(m => m.Text));
    }

    [Fact]
    public async Task AnOlderVersionArrivingLateDoesNotUndoANewerOne()
    {
        var sent = await SendAsync("v0");
        Assert.Single(await NewestAsync());
        var v1 = sent with { Text = "v1", EditedAt = sent.SentAt.AddSeconds(1) };
        var v2 = sent with { Text = "v2", EditedAt = sent.SentAt.AddSeconds(2) };
        var deleted = sent with { Text = "", Deleted = true };

        Bus.Publish(EventKey.Room(Lobby.Id), new MessageChanged(v2));
        Bus.Publish(EventKey.Room(Lobby.Id), new MessageChanged(v1));
        Assert.Equal("v2", Assert.Single(await NewestAsync()).Text);

        Bus.Publish(EventKey.Room(Lobby.Id), new MessageChanged(deleted));
        Bus.Publish(EventKey.Room(Lobby.Id), new MessageChanged(v2 with { EditedAt = sent.SentAt.AddHours(1) }));
        Assert.True(Assert.Single(await NewestAsync()).Deleted);
    }
}
