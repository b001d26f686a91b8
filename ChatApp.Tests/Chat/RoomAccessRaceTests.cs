using System.Data.Common;
using ChatApp.Core.Admin;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Core.Typing;
using ChatApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatApp.Tests.Chat;

/// <summary>Revocation racing with use, from many threads: nothing a removed member holds outlives the removal.</summary>
public sealed class RoomAccessRaceTests : RoomAccessTest
{

    [Fact]
    public async Task AnOpenRacingTheRemovalNeverHandsOutALiveAccess()
    {
        for (var round = 0; round < 25; round++)
        {
            Assert.True((await Rooms.AddMemberAsync(Boss.Id, Secret.Id, "Bob")).Succeeded);
            var opening = Task.Run(() => ChatService.OpenRoomAsync(Bob.Id, Secret.Id));
            var removing = Task.Run(() => Rooms.RemoveMemberAsync(Boss.Id, Secret.Id, Bob.Id));
            await Task.WhenAll(opening, removing);

            var opened = await opening;
            Assert.Null(await removing);
            Assert.True(!opened.Succeeded || opened.Value!.IsRevoked, $"round {round}: the removed member kept a live access");
        }
    }

    [Fact]
    public async Task ARemovalAnnouncedBetweenTheOpensCheckAndItsAccessStillEndsIt()
    {
        await ChatTestServices.AddMemberAsync(Provider, Secret, Bob);
        // The open reads the membership, then (before it has handed out the access) the removal is saved and announced.
        var database = new AfterFirstReadDbContextFactory(Get<DbContextOptions<ChatDbContext>>(),
            () => Rooms.RemoveMemberAsync(Boss.Id, Secret.Id, Bob.Id));
        var opening = new ChatService(database, Get<IEventBus>(), Get<SendRateLimiter>(), Get<RoomAccessRegistry>(),
            Get<RoomHistoryCache>(), Get<ChatApp.Core.Chat.Content.MessageContent>(), Options.Create(Chat.Options), Chat.Time,
            Get<ChatApp.Core.Diagnostics.ChatMetrics>(), Get<InFlightSends>());

        var opened = await opening.OpenRoomAsync(Bob.Id, Secret.Id);

        Assert.True(database.Ran);
        Assert.Equal(ChatErrorKind.NotAllowed, opened.Error?.Kind);
        Assert.Equal(0, Get<RoomAccessRegistry>().Count);
    }

    [Fact]
    public async Task TabsUsingTheRoomWhileTheMemberIsRemovedKeepNothingOfIt()
    {
        var presence = Get<RoomPresenceService>();
        var tracker = Get<PresenceTracker>();
        var typing = Get<TypingService>();
        var bus = Get<InProcessEventBus>();
        await ChatTestServices.AddMemberAsync(Provider, Secret, Bob);
        var tabs = new List<RoomAccess>();
        for (var i = 0; i < 6; i++)
        {
            tabs.Add(await AccessAsync(Bob.Id, Secret.Id));
        }
        var busy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var used = 0;

        var workers = tabs.Select((access, tab) => Task.Run(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                presence.Enter(access, $"bob-{tab}", new PresenceInfo("Bob"));
                typing.SignalTyping(access);
                Chat.Time.Advance(Chat.Typing.Throttle);
                ChatService.WatchRoom(access, _ => Task.CompletedTask);
                typing.Subscribe(access, _ => { });
                presence.Watch(access, _ => Task.CompletedTask);
                if (Interlocked.Increment(ref used) == 50)
                {
                    busy.TrySetResult();
                }
            }
        })).ToList();
        await busy.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Null(await Rooms.RemoveMemberAsync(Boss.Id, Secret.Id, Bob.Id));
        await Task.WhenAll(workers);

        Assert.All(tabs, access => Assert.Equal(RoomAccessEnd.AccessLost, access.EndedBecause));
        Assert.Null(tracker.Get(RoomPresenceService.RoomTopic(Secret.Id), Bob.Id, Boss.Id));
        Assert.Empty(typing.TypingIn(Secret.Id));
        Assert.Equal(0, bus.SubscriberCount<MessageSaved>(EventKey.Room(Secret.Id)));
        Assert.Equal(0, bus.SubscriberCount<TypingChanged>(EventKey.Room(Secret.Id)));
        Assert.Equal(0, tracker.TopicCount);
        Assert.Equal(0, Get<RoomAccessRegistry>().Count);
    }

    /// <summary>The real database; the first query's results are read, then <c>meanwhile</c> runs before they are used.</summary>
    private sealed class AfterFirstReadDbContextFactory(DbContextOptions<ChatDbContext> options, Func<Task> meanwhile)
        : IDbContextFactory<ChatDbContext>
    {
        private int armed = 1;

        public bool Ran { get; private set; }

        private Task RunMeanwhileAsync() => meanwhile();

        public ChatDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<ChatDbContext>(options).AddInterceptors(new Hook(this)).Options);

        public Task<ChatDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(CreateDbContext());

        private sealed class Hook(AfterFirstReadDbContextFactory owner) : DbCommandInterceptor
        {
            public override async ValueTask<DbDataReader> ReaderExecutedAsync(
                DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
            {
                if (Interlocked.Exchange(ref owner.armed, 0) == 1)
                {
                    // The reader has its snapshot (SQLite in WAL mode): the check sees the room as it was before.
                    await owner.RunMeanwhileAsync();
                    owner.Ran = true;
                }
                return result;
            }
        }
    }
}
