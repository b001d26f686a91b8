using ChatApp.Core.Admin;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Core.Typing;
using ChatApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Tests.Chat;

/// <summary>
/// Room access as a capability: what an open room lets its holder do, and how every holder reacts when an
/// administrator takes it away.
/// </summary>
public class RoomAccessTests : RoomAccessTest
{
    public RoomAccessTests() : this(TestDatabase.Sqlite)
    {
    }

    protected RoomAccessTests(Func<TestDatabase> database) : base(database)
    {
    }

    private RoomPresenceService RoomPresence => Get<RoomPresenceService>();
    private PresenceTracker Tracker => Get<PresenceTracker>();
    private TypingService Typing => Get<TypingService>();
    private InProcessEventBus Bus => Get<InProcessEventBus>();
    private AccountAdministration Accounts => Get<AccountAdministration>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ChatTestServices.AddMemberAsync(Provider, Secret, Bob);
    }

    /// <summary>Bob in the room the way a tab holds it: the messages watched, in its presence, typing, watching typing.</summary>
    private async Task<(RoomAccess Access, List<string> Heard)> BobHoldsAsync(Room room)
    {
        var access = await AccessAsync(Bob.Id, room.Id);
        var heard = new List<string>();
        Assert.True(ChatService.WatchRoom(access, m => { lock (heard) { heard.Add(m.Text); } return Task.CompletedTask; }).Succeeded);
        Assert.Null(RoomPresence.Enter(access, "bob-tab", new PresenceInfo("Bob")));
        Assert.True(RoomPresence.Watch(access, _ => Task.CompletedTask).Succeeded);
        Assert.True(Typing.Subscribe(access, _ => { }).Succeeded);
        Assert.Null(Typing.SignalTyping(access));
        return (access, heard);
    }

    private void AssertEveryHolderLetGo(RoomAccess access, List<string> heard, Room room)
    {
        Assert.True(access.IsRevoked);
        Assert.Equal(0, Bus.SubscriberCount<MessageSaved>(EventKey.Room(room.Id)));
        Assert.Equal(0, Bus.SubscriberCount<TypingChanged>(EventKey.Room(room.Id)));
        Assert.Null(Tracker.Get(RoomPresenceService.RoomTopic(room.Id), Bob.Id, Boss.Id));
        Assert.Empty(Typing.TypingIn(room.Id));
        // Nobody left in the room's presence and nobody watching it: the topic is gone.
        Assert.Equal(0, Tracker.TopicCount);
        lock (heard)
        {
            Assert.Empty(heard);
        }
    }

    [Fact]
    public async Task AMemberRemovedLosesTheRoomInEveryPartAtOnce()
    {
        var (access, heard) = await BobHoldsAsync(Secret);

        Assert.Null(await Rooms.RemoveMemberAsync(Boss.Id, Secret.Id, Bob.Id));
        await ChatService.SendAsync(Boss.Id, Secret.Id, Guid.NewGuid(), "after Bob left");

        Assert.Equal(RoomAccessEnd.AccessLost, access.EndedBecause);
        AssertEveryHolderLetGo(access, heard, Secret);
    }

    [Fact]
    public async Task ADeletedRoomEndsEveryAccessToItAsDeleted()
    {
        var (access, heard) = await BobHoldsAsync(Secret);
        var lobby = await AccessAsync(Bob.Id, Lobby.Id);

        Assert.Null(await Rooms.DeleteRoomAsync(Boss.Id, Secret.Id));

        Assert.Equal(RoomAccessEnd.RoomDeleted, access.EndedBecause);
        AssertEveryHolderLetGo(access, heard, Secret);
        Assert.False(lobby.IsRevoked);
    }

    [Fact]
    public async Task ALockedAccountLosesEveryRoom()
    {
        var (access, heard) = await BobHoldsAsync(Secret);
        var lobby = await AccessAsync(Bob.Id, Lobby.Id);

        Assert.Null(await Accounts.LockUserAsync(Boss.Id, Bob.Id, "spam"));

        Assert.Equal(RoomAccessEnd.AccountClosed, access.EndedBecause);
        Assert.Equal(RoomAccessEnd.AccountClosed, lobby.EndedBecause);
        AssertEveryHolderLetGo(access, heard, Secret);
    }

    [Fact]
    public async Task ARevokedAdministratorLosesOnlyThePrivateRoomsTheyAreNoMemberOf()
    {
        var hidden = await ChatTestServices.CreateRoomAsync(Provider, "hidden", isPrivate: true);
        Assert.Null(await Accounts.SetAdminAsync(Boss.Id, Bob.Id, true));
        var (inHidden, heard) = await BobHoldsAsync(hidden);
        var inSecret = await AccessAsync(Bob.Id, Secret.Id);
        var inLobby = await AccessAsync(Bob.Id, Lobby.Id);

        Assert.Null(await Accounts.SetAdminAsync(Boss.Id, Bob.Id, false));

        Assert.Equal(RoomAccessEnd.AccessLost, inHidden.EndedBecause);
        AssertEveryHolderLetGo(inHidden, heard, hidden);
        Assert.False(inSecret.IsRevoked);
        Assert.False(inLobby.IsRevoked);
    }

    [Fact]
    public async Task ARevokedAccessCannotBeUsedAgainButOpeningAfterBeingAddedBackWorks()
    {
        var access = await AccessAsync(Bob.Id, Secret.Id);
        Assert.Null(await Rooms.RemoveMemberAsync(Boss.Id, Secret.Id, Bob.Id));

        Assert.Equal(ChatErrorKind.NotAllowed, (await ChatService.GetHistoryAsync(access)).Error?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, ChatService.WatchRoom(access, _ => Task.CompletedTask).Error?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, RoomPresence.Enter(access, "bob-tab", new PresenceInfo("Bob"))?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, RoomPresence.Watch(access, _ => Task.CompletedTask).Error?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, Typing.Subscribe(access, _ => { }).Error?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, Typing.SignalTyping(access)?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, (await ChatService.OpenRoomAsync(Bob.Id, Secret.Id)).Error?.Kind);
        Assert.Null(Tracker.Get(RoomPresenceService.RoomTopic(Secret.Id), Bob.Id, Boss.Id));

        Assert.True((await Rooms.AddMemberAsync(Boss.Id, Secret.Id, "Bob")).Succeeded);
        var again = await AccessAsync(Bob.Id, Secret.Id);

        Assert.True(access.IsRevoked);
        Assert.True((await ChatService.GetHistoryAsync(again)).Succeeded);
        Assert.Null(RoomPresence.Enter(again, "bob-tab", new PresenceInfo("Bob")));
        Assert.NotNull(Tracker.Get(RoomPresenceService.RoomTopic(Secret.Id), Bob.Id, Boss.Id));
    }

    [Fact]
    public async Task ReadsTrustTheAccessButSendingChecksTheDatabase()
    {
        var access = await AccessAsync(Bob.Id, Secret.Id);
        // Removed behind the app's back: no event, so nothing revokes the access (as if the event were lost).
        await using (var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync())
        {
            await db.RoomMembers.Where(m => m.RoomId == Secret.Id && m.UserId == Bob.Id).ExecuteDeleteAsync();
        }

        Assert.True((await ChatService.GetHistoryAsync(access)).Succeeded);
        var sent = await ChatService.SendAsync(Bob.Id, Secret.Id, Guid.NewGuid(), "am I still in?");

        Assert.Equal(ChatErrorKind.NotAllowed, sent.Error?.Kind);
        Assert.Empty((await ChatService.GetHistoryAsync(access)).Value!.Messages);
    }

    [Fact]
    public async Task AfterAGapInTheAdministrativeEventsEveryAccessIsCheckedAgain()
    {
        var inSecret = await AccessAsync(Bob.Id, Secret.Id);
        var inLobby = await AccessAsync(Bob.Id, Lobby.Id);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        inSecret.Revoked.Register(ended.SetResult);
        await using (var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync())
        {
            await db.RoomMembers.Where(m => m.RoomId == Secret.Id && m.UserId == Bob.Id).ExecuteDeleteAsync();
        }

        Bus.RaiseGap(EventKey.Admin);
        await ended.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RoomAccessEnd.AccessLost, inSecret.EndedBecause);
        Assert.False(inLobby.IsRevoked);
    }

    [Fact]
    public async Task AClosedAccessReleasesWhatWasBoundToItWithoutTakingAnythingAway()
    {
        var (access, _) = await BobHoldsAsync(Secret);

        access.Dispose();

        Assert.Equal(RoomAccessEnd.Closed, access.EndedBecause);
        Assert.Equal(0, Bus.SubscriberCount<MessageSaved>(EventKey.Room(Secret.Id)));
        Assert.Empty(Typing.TypingIn(Secret.Id));
        // The tab leaves presence by itself, debounced (a reload is not a leave); a close evicts nobody.
        Assert.NotNull(Tracker.Get(RoomPresenceService.RoomTopic(Secret.Id), Bob.Id, Boss.Id));
        Assert.True((await ChatService.OpenRoomAsync(Bob.Id, Secret.Id)).Succeeded);
    }
}
