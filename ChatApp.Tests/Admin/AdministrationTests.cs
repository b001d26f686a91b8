using ChatApp.Core.Admin;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Core.Typing;
using ChatApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Admin;

public class AdministrationTests : ChatServiceTest
{
    public AdministrationTests() : this(TestDatabase.Sqlite)
    {
    }

    protected AdministrationTests(Func<TestDatabase> database) : base(database)
    {
    }

    private RoomAdministration rooms => Get<RoomAdministration>();
    private AccountAdministration accounts => Get<AccountAdministration>();
    private ChatService chatService => Get<ChatService>();
    private ChatUser boss = default!;
    private readonly List<RoomChange> roomChanges = [];
    private readonly List<AccountChange> accountChanges = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        boss = await ChatTestServices.CreateUserAsync(Provider, "Boss");
        await using (var scope = Provider.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(boss.Id))!, ChatService.AdminRole);
        }
        // What the Core handlers on every node hear: every administrative change.
        var events = Provider.GetRequiredService<IEventBus>();
        events.Subscribe<RoomChange>(EventKey.Admin, c => { lock (roomChanges) { roomChanges.Add(c); } return Task.CompletedTask; });
        events.Subscribe<AccountChange>(EventKey.Admin, c => { lock (accountChanges) { accountChanges.Add(c); } return Task.CompletedTask; });
    }

    private async Task<AdminRoom> CreateAsync(string name, string? slug = null, bool isPrivate = false)
    {
        var created = await rooms.CreateRoomAsync(boss.Id, new RoomDraft(name, slug, "topic", isPrivate));
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value!;
    }

    private async Task<T> WithDbAsync<T>(Func<ChatDbContext, Task<T>> query)
    {
        await using var db = await Provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    [Theory]
    [InlineData("Team Updates!", "team-updates")]
    [InlineData("  Café  Crème ", "cafe-creme")]
    [InlineData("2026 -- Plans", "2026-plans")]
    public async Task SlugIsMadeFromTheNameWhenLeftEmpty(string name, string slug)
    {
        var room = await CreateAsync(name);

        Assert.Equal(slug, room.Slug);
        Assert.Contains(roomChanges, c => c.RoomId == room.Id && c.Kind == RoomChangeKind.Created);
    }

    [Theory]
    [InlineData("x", null, "2 to 50 characters")]
    [InlineData("Fine name", "Not Valid!", "lower-case letters")]
    [InlineData("Fine name", "-dash", "lower-case letters")]
    public async Task InvalidRoomIsRefusedWithAClearReason(string name, string? slug, string reason)
    {
        var result = await rooms.CreateRoomAsync(boss.Id, new RoomDraft(name, slug, "", false));

        Assert.Equal(ChatErrorKind.Invalid, result.Error?.Kind);
        Assert.Contains(reason, result.Error!.Message);
        Assert.Equal(1, await WithDbAsync(db => db.Rooms.CountAsync()));
    }

    [Fact]
    public async Task TopicLongerThan200IsRefused()
    {
        var result = await rooms.CreateRoomAsync(boss.Id, new RoomDraft("Room", null, new string('t', 201), false));

        Assert.Contains("200", result.Error!.Message);
    }

    [Fact]
    public async Task TakenSlugIsRefused()
    {
        await CreateAsync("General");

        var again = await rooms.CreateRoomAsync(boss.Id, new RoomDraft("General", null, "", false));

        Assert.Equal(ChatErrorKind.Conflict, again.Error?.Kind);
    }

    [Fact]
    public async Task ArchivedRoomKeepsHistoryButRefusesSendsUntilUnarchived()
    {
        var room = await CreateAsync("Old");
        await chatService.SendAsync(Bob.Id, room.Id, Guid.NewGuid(), "kept");

        Assert.Null(await rooms.SetArchivedAsync(boss.Id, room.Id, true));

        Assert.Equal(ChatErrorKind.Archived, (await chatService.SendAsync(Bob.Id, room.Id, Guid.NewGuid(), "no")).Error?.Kind);
        Assert.Single((await chatService.GetHistoryAsync(Bob.Id, room.Id)).Value!.Messages);
        Assert.Null(await rooms.SetArchivedAsync(boss.Id, room.Id, false));
        Assert.True((await chatService.SendAsync(Bob.Id, room.Id, Guid.NewGuid(), "yes")).Succeeded);
    }

    [Fact]
    public async Task DeletingARoomDeletesItsMessagesAndTellsOpenTabs()
    {
        var room = await CreateAsync("Temp");
        await chatService.SendAsync(Bob.Id, room.Id, Guid.NewGuid(), "gone soon");

        Assert.Null(await rooms.DeleteRoomAsync(boss.Id, room.Id));

        Assert.Equal(0, await WithDbAsync(db => db.Messages.CountAsync(m => m.RoomId == room.Id)));
        Assert.Equal(ChatErrorKind.NotFound, (await chatService.OpenRoomAsync(Bob.Id, room.Id)).Error?.Kind);
        Assert.Contains(roomChanges, c => c.RoomId == room.Id && c.Kind == RoomChangeKind.Deleted);
    }

    [Fact]
    public async Task TheLobbyCannotBeDeleted()
    {
        var Lobby = await ChatTestServices.LobbyAsync(Provider);

        Assert.Equal(ChatErrorKind.NotAllowed, (await rooms.DeleteRoomAsync(boss.Id, Lobby.Id))?.Kind);
    }

    [Fact]
    public async Task MembersAreFoundByEmailOrDisplayNameIgnoringCase()
    {
        var room = await CreateAsync("Secret", isPrivate: true);

        Assert.True((await rooms.AddMemberAsync(boss.Id, room.Id, "BOB")).Succeeded);
        Assert.True((await rooms.AddMemberAsync(boss.Id, room.Id, "Boss@Example.Test")).Succeeded);
        Assert.True((await rooms.AddMemberAsync(boss.Id, room.Id, "bob")).Succeeded);

        var members = (await rooms.ListMembersAsync(boss.Id, room.Id)).Value!;
        Assert.Equal(["Bob", "Boss"], members.Select(m => m.DisplayName));
        Assert.Equal(ChatErrorKind.NotFound, (await rooms.AddMemberAsync(boss.Id, room.Id, "nobody")).Error?.Kind);
    }

    [Fact]
    public async Task AnEmailIsOnlyEverMatchedAsAnEmail()
    {
        var room = await CreateAsync("Secret", isPrivate: true);

        var added = await rooms.AddMemberAsync(boss.Id, room.Id, "bob");
        var byEmailLookingName = await rooms.AddMemberAsync(boss.Id, room.Id, "Bob@nowhere.test");

        Assert.Equal("Bob", added.Value!.DisplayName);
        Assert.Equal(ChatErrorKind.NotFound, byEmailLookingName.Error?.Kind);
    }

    [Fact]
    public async Task RemovedMemberLosesTheRoomAndIsDroppedFromItsPresence()
    {
        var room = await CreateAsync("Secret", isPrivate: true);
        await rooms.AddMemberAsync(boss.Id, room.Id, "Bob");
        var presence = Provider.GetRequiredService<RoomPresenceService>();
        var tracker = Provider.GetRequiredService<PresenceTracker>();
        Assert.Null(presence.Enter(await AccessAsync(Bob.Id, room.Id), "bob-tab", new PresenceInfo("Bob")));

        Assert.Null(await rooms.RemoveMemberAsync(boss.Id, room.Id, Bob.Id));

        Assert.Equal(ChatErrorKind.NotAllowed, (await chatService.OpenRoomAsync(Bob.Id, room.Id)).Error?.Kind);
        Assert.Null(tracker.Get(RoomPresenceService.RoomTopic(room.Id), Bob.Id, boss.Id));
        Assert.Contains(roomChanges, c => c.Kind == RoomChangeKind.MemberRemoved && c.UserId == Bob.Id);
    }

    [Fact]
    public async Task DeletingARoomEmptiesItsOnlineListAtOnce()
    {
        var room = await CreateAsync("Doomed");
        var presence = Get<RoomPresenceService>();
        var tracker = Get<PresenceTracker>();
        Assert.Null(presence.Enter(await AccessAsync(Bob.Id, room.Id), "bob-tab", new PresenceInfo("Bob")));
        Assert.Null(presence.Enter(await AccessAsync(Alice.Id, room.Id), "alice-tab", new PresenceInfo("Alice")));

        Assert.Null(await rooms.DeleteRoomAsync(boss.Id, room.Id));

        Assert.Equal(0, tracker.Count(RoomPresenceService.RoomTopic(room.Id), boss.Id));
    }

    [Fact]
    public async Task LockingChangesTheStampDropsPresenceAndUnlockRestores()
    {
        var stamp = await WithDbAsync(db => db.Users.Where(u => u.Id == Bob.Id).Select(u => u.SecurityStamp).SingleAsync());
        var tracker = Provider.GetRequiredService<PresenceTracker>();
        tracker.Track(RoomPresenceService.SiteTopic, Bob.Id, "bob-tab", new PresenceInfo("Bob"));

        Assert.Null(await accounts.LockUserAsync(boss.Id, Bob.Id, "  spam  "));

        var locked = await WithDbAsync(db => db.Users.SingleAsync(u => u.Id == Bob.Id));
        Assert.NotEqual(stamp, locked.SecurityStamp);
        Assert.Equal("spam", locked.LockReason);
        Assert.Null(tracker.Get(RoomPresenceService.SiteTopic, Bob.Id, boss.Id));
        Assert.Contains(new AccountChange(Bob.Id, AccountChangeKind.Locked), accountChanges);
        Assert.Empty(await chatService.ListRoomsAsync(Bob.Id));

        Assert.Null(await accounts.UnlockUserAsync(boss.Id, Bob.Id));
        Assert.NotEmpty(await chatService.ListRoomsAsync(Bob.Id));
    }

    [Fact]
    public async Task LockNeedsAReasonAndNeverLocksYourselfOrTheLastAdmin()
    {
        Assert.Equal(ChatErrorKind.Invalid, (await accounts.LockUserAsync(boss.Id, Bob.Id, "  "))?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, (await accounts.LockUserAsync(boss.Id, boss.Id, "oops"))?.Kind);

        await accounts.SetAdminAsync(boss.Id, Bob.Id, true);
        Assert.Null(await accounts.LockUserAsync(Bob.Id, boss.Id, "coup"));
        Assert.Equal(ChatErrorKind.NotAllowed, (await accounts.SetAdminAsync(Bob.Id, Bob.Id, false))?.Kind);
    }

    [Fact]
    public async Task TheLastAdminCannotBeRevokedButOthersCan()
    {
        Assert.Equal(ChatErrorKind.NotAllowed, (await accounts.SetAdminAsync(boss.Id, boss.Id, false))?.Kind);

        Assert.Null(await accounts.SetAdminAsync(boss.Id, Bob.Id, true));
        Assert.Null(await accounts.SetAdminAsync(Bob.Id, boss.Id, false));

        Assert.False(await accounts.IsAdminAsync(boss.Id));
        Assert.True(await accounts.IsAdminAsync(Bob.Id));
    }

    [Fact]
    public async Task TwoAdminsRevokingEachOtherAtOnceLeaveOneAdmin()
    {
        Assert.Null(await accounts.SetAdminAsync(boss.Id, Bob.Id, true));

        var results = await Task.WhenAll(
            Task.Run(() => accounts.SetAdminAsync(boss.Id, Bob.Id, false)),
            Task.Run(() => accounts.SetAdminAsync(Bob.Id, boss.Id, false)));

        Assert.Single(results, r => r is null);
        Assert.True(await accounts.IsAdminAsync(boss.Id) ^ await accounts.IsAdminAsync(Bob.Id));
    }

    [Fact]
    public async Task AnAdminConfirmsAnAccountByHandAndOnlyAnAdminCan()
    {
        await using (var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync())
        {
            await db.Users.Where(u => u.Id == Bob.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false));
        }
        Assert.False((await accounts.ListUsersAsync(boss.Id)).Value!.Single(u => u.UserId == Bob.Id).IsConfirmed);

        Assert.Equal(ChatErrorKind.NotAllowed, (await accounts.ConfirmAccountAsync(Alice.Id, Bob.Id))?.Kind);
        Assert.False((await accounts.ListUsersAsync(boss.Id)).Value!.Single(u => u.UserId == Bob.Id).IsConfirmed);

        Assert.Null(await accounts.ConfirmAccountAsync(boss.Id, Bob.Id));
        Assert.Null(await accounts.ConfirmAccountAsync(boss.Id, Bob.Id));

        Assert.True((await accounts.ListUsersAsync(boss.Id)).Value!.Single(u => u.UserId == Bob.Id).IsConfirmed);
        var audit = (await accounts.ListAuditAsync(boss.Id)).Value!.Entries;
        Assert.Single(audit, e => e.Action == "user.confirm" && e.TargetName == "Bob");
    }

    [Fact]
    public async Task ClosingYourAccountTakesItsMessagesAndPresenceAndSignsItsTabsOut()
    {
        await chatService.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "bye all");
        var tracker = Get<PresenceTracker>();
        tracker.Track(RoomPresenceService.SiteTopic, Alice.Id, "a1", new PresenceInfo("Alice"));
        tracker.Track(RoomPresenceService.RoomTopic(Lobby.Id), Alice.Id, "a1", new PresenceInfo("Alice"));

        Assert.Null(await accounts.CloseOwnAccountAsync(Alice.Id));
        Assert.Null(tracker.Get(RoomPresenceService.SiteTopic, Alice.Id, Bob.Id));
        Assert.Null(tracker.Get(RoomPresenceService.RoomTopic(Lobby.Id), Alice.Id, Bob.Id));
        Assert.Empty((await chatService.GetHistoryAsync(Bob.Id, Lobby.Id)).Value!.Messages);
        Assert.DoesNotContain((await accounts.ListUsersAsync(boss.Id)).Value!, u => u.UserId == Alice.Id);
        Assert.Contains(new AccountChange(Alice.Id, AccountChangeKind.Deleted), accountChanges);
        Assert.Equal(ChatErrorKind.NotAllowed, (await accounts.CloseOwnAccountAsync(Alice.Id))?.Kind);
    }

    [Fact]
    public async Task TheLastAdministratorCannotCloseTheirAccountButAnotherAdministratorCan()
    {
        var refused = await accounts.CloseOwnAccountAsync(boss.Id);
        Assert.Equal(ChatErrorKind.NotAllowed, refused?.Kind);
        Assert.Contains("last administrator", refused!.Message);

        Assert.Null(await accounts.SetAdminAsync(boss.Id, Bob.Id, true));
        Assert.Null(await accounts.CloseOwnAccountAsync(boss.Id));
        Assert.True((await accounts.ListUsersAsync(Bob.Id)).Value!.Single(u => u.UserId == Bob.Id).IsAdmin);
    }

    [Fact]
    public async Task ARevokedAdministratorLeavesThePresenceOfPrivateRoomsTheyAreNoMemberOf()
    {
        var hidden = await CreateAsync("Hidden", isPrivate: true);
        var mine = await CreateAsync("Mine", isPrivate: true);
        Assert.True((await rooms.AddMemberAsync(boss.Id, mine.Id, "Bob")).Succeeded);
        Assert.Null(await accounts.SetAdminAsync(boss.Id, Bob.Id, true));
        var roomPresence = Get<RoomPresenceService>();
        Assert.Null(roomPresence.Enter(await AccessAsync(Bob.Id, hidden.Id), "b1", new PresenceInfo("Bob")));
        Assert.Null(roomPresence.Enter(await AccessAsync(Bob.Id, mine.Id), "b1", new PresenceInfo("Bob")));

        Assert.Null(await accounts.SetAdminAsync(boss.Id, Bob.Id, false));

        var tracker = Get<PresenceTracker>();
        Assert.Null(tracker.Get(RoomPresenceService.RoomTopic(hidden.Id), Bob.Id, boss.Id));
        Assert.NotNull(tracker.Get(RoomPresenceService.RoomTopic(mine.Id), Bob.Id, boss.Id));
    }

    [Fact]
    public async Task AuditLogNamesWhoDidWhatNewestFirstAndPages()
    {
        var room = await CreateAsync("Audited");
        await rooms.SetArchivedAsync(boss.Id, room.Id, true);
        for (var i = 0; i < AccountAdministration.AuditPageSize; i++)
        {
            await rooms.UpdateRoomAsync(boss.Id, room.Id, "Audited", $"topic {i}");
        }

        var first = (await accounts.ListAuditAsync(boss.Id)).Value!;
        var second = (await accounts.ListAuditAsync(boss.Id, 1)).Value!;

        Assert.Equal(AccountAdministration.AuditPageSize, first.Entries.Count);
        Assert.True(first.HasMore);
        Assert.Equal("room.update", first.Entries[0].Action);
        Assert.Contains("topic 49", first.Entries[0].Details);
        Assert.Equal("Boss", first.Entries[0].ActorName);
        Assert.Equal(["room.archive", "room.create"], second.Entries.Select(e => e.Action));
        Assert.False(second.HasMore);
    }

    [Fact]
    public async Task SomeoneWhoLosesARoomStopsShowingAsTypingInItAtOnce()
    {
        var typing = Get<TypingService>();
        var room = await CreateAsync("Secret Plans", isPrivate: true);
        Assert.NotNull((await rooms.AddMemberAsync(boss.Id, room.Id, "Bob")).Value);
        Assert.NotNull((await rooms.AddMemberAsync(boss.Id, room.Id, "Alice")).Value);
        typing.SignalTyping(await AccessAsync(Bob.Id, room.Id));
        typing.SignalTyping(await AccessAsync(Alice.Id, room.Id));
        typing.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));

        Assert.Null(await rooms.RemoveMemberAsync(boss.Id, room.Id, Bob.Id));
        Assert.Equal(["Alice"], typing.TypingIn(room.Id).Select(t => t.DisplayName));

        Assert.Null(await accounts.LockUserAsync(boss.Id, Alice.Id, "spam"));
        Assert.Empty(typing.TypingIn(room.Id));
        Assert.Empty(typing.TypingIn(Lobby.Id));
    }

    [Fact]
    public async Task DeletingARoomEndsTheTypingInIt()
    {
        var typing = Get<TypingService>();
        var room = await CreateAsync("Short Lived");
        typing.SignalTyping(await AccessAsync(Bob.Id, room.Id));

        Assert.Null(await rooms.DeleteRoomAsync(boss.Id, room.Id));

        Assert.Empty(typing.TypingIn(room.Id));
    }
}
