using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Reading;
using ChatApp.Core.Events;
using ChatApp.Tests.Infrastructure;

namespace ChatApp.Tests.Chat.Reading;

/// <summary>Live read marks are written together after a short delay, the furthest per person and room winning.</summary>
public sealed class ReadMarksTests : ChatServiceTest
{
    private ReadingService Reading => Get<ReadingService>();
    private ReadMarks Marks => Get<ReadMarks>();

    private async Task<long> PositionAsync(string userId) => (await Reading.CountAsync(userId))[Lobby.Id].LastReadSeq;

    private async Task StartBothAtNothingReadThenBobWritesAsync(int messages)
    {
        await Reading.CountAsync(Alice.Id);
        await Reading.CountAsync(Bob.Id);
        await ReadingData.AddMessagesAsync(Provider, Lobby.Id, Bob.Id, messages);
    }

    /// <summary>Waits until the user's tabs hear that their position moved (the flush publishes after saving).</summary>
    private TaskCompletionSource<ReadPositionMoved> Moved(string userId, out IDisposable subscription)
    {
        var heard = new TaskCompletionSource<ReadPositionMoved>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscription = Get<IEventBus>().Subscribe<ReadPositionMoved>(EventKey.User(userId), e =>
        {
            heard.TrySetResult(e);
            return Task.CompletedTask;
        });
        return heard;
    }

    [Fact]
    public async Task MarksFromSeveralTabsAreWrittenOnceTheDelayHasPassedWithTheFurthestOneWinning()
    {
        await StartBothAtNothingReadThenBobWritesAsync(10);
        using var tab1 = await AccessAsync(Alice.Id, Lobby.Id);
        using var tab2 = await AccessAsync(Alice.Id, Lobby.Id);
        var heard = Moved(Alice.Id, out var subscription);
        using var _ = subscription;

        Marks.Mark(tab1, 4);
        Marks.Mark(tab2, 7);
        Marks.Mark(tab1, 5);
        Chat.Time.Advance(Chat.Options.ReadMarkDelay - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, await PositionAsync(Alice.Id));

        Chat.Time.Advance(TimeSpan.FromMilliseconds(1));
        var moved = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(7, moved.LastReadSeq);
        Assert.Equal(7, await PositionAsync(Alice.Id));
        Assert.Equal(3, (await Reading.CountAsync(Alice.Id))[Lobby.Id].Unread);
    }

    [Fact]
    public async Task MarksMadeFromManyThreadsAtOnceAreAllWrittenAndNoneMovesAPositionBack()
    {
        await StartBothAtNothingReadThenBobWritesAsync(200);
        var aliceTabs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => AccessAsync(Alice.Id, Lobby.Id)));
        var bobTabs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => AccessAsync(Bob.Id, Lobby.Id)));
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(async () =>
            {
                for (var seq = 1L; seq <= 150; seq++)
                {
                    Marks.Mark(aliceTabs[thread % 4], seq + thread);
                    Marks.Mark(bobTabs[thread % 4], 150 - seq + thread);
                    if (seq % 50 == 0)
                    {
                        // Flushes overlap the marks, as the timer's would.
                        await Marks.FlushAsync();
                    }
                }
            })));
            await Marks.FlushAsync();

            Assert.Equal(157, await PositionAsync(Alice.Id));
            Assert.Equal(156, await PositionAsync(Bob.Id));
        }
        finally
        {
            foreach (var tab in aliceTabs.Concat(bobTabs))
            {
                tab.Dispose();
            }
        }
    }

    [Fact]
    public async Task WhatWasReadBeforeTheTabClosedIsStillWritten()
    {
        await StartBothAtNothingReadThenBobWritesAsync(5);
        var tab = await AccessAsync(Alice.Id, Lobby.Id);
        Marks.Mark(tab, 5);
        tab.Dispose();

        await Marks.FlushAsync();

        Assert.Equal(5, await PositionAsync(Alice.Id));
    }

    [Fact]
    public async Task AMarkIsNotWrittenForSomeoneWhoseAccessWasTakenAwayMeanwhile()
    {
        await StartBothAtNothingReadThenBobWritesAsync(5);
        using var tab = await AccessAsync(Alice.Id, Lobby.Id);
        Marks.Mark(tab, 5);
        Get<RoomAccessRegistry>().End([tab], RoomAccessEnd.AccessLost);

        await Marks.FlushAsync();

        Assert.Equal(0, await PositionAsync(Alice.Id));
    }

    [Fact]
    public async Task MarksStillWaitingWhenTheAppStopsAreWritten()
    {
        await StartBothAtNothingReadThenBobWritesAsync(5);
        using var tab = await AccessAsync(Alice.Id, Lobby.Id);
        Marks.Mark(tab, 3);

        await Marks.StopAsync(CancellationToken.None);

        Assert.Equal(3, await PositionAsync(Alice.Id));
    }
}
