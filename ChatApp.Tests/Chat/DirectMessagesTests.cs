using ChatApp.Core.Admin;
using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Direct;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Chat;

public class DirectMessagesTests : ChatServiceTest
{
    public DirectMessagesTests() : this(TestDatabase.Sqlite)
    {
    }

    protected DirectMessagesTests(Func<TestDatabase> database) : base(database)
    {
    }

    private DirectMessages direct => Get<DirectMessages>();
    private ChatService chat => Get<ChatService>();
    private RoomAdministration admin => Get<RoomAdministration>();

    private async Task<DirectConversation> StartAsync(ChatUser from, ChatUser to)
    {
        var started = await direct.StartAsync(from.Id, to.Id);
        Assert.True(started.Succeeded, started.Error?.Message);
        return started.Value!;
    }

    private async Task<T> WithDbAsync<T>(Func<ChatDbContext, Task<T>> query)
    {
        await using var db = await Provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    private Task<int> DirectRoomCountAsync() => WithDbAsync(db => db.Rooms.CountAsync(r => r.IsDirect));

    [Fact]
    public async Task StartingAConversationMakesAPrivateRoomOfTheTwoThatBothSeeUnderTheOthersName()
    {
        var started = await StartAsync(Alice, Bob);

        Assert.Equal(Bob.Id, started.PeerId);
        Assert.Equal("Bob", started.PeerName);
        Assert.StartsWith(DirectMessages.SlugPrefix, started.Slug);
        var room = await WithDbAsync(db => db.Rooms.SingleAsync(r => r.Id == started.RoomId));
        Assert.True(room.IsDirect);
        Assert.True(room.IsPrivate);
        Assert.Equal(string.CompareOrdinal(Alice.Id, Bob.Id) < 0 ? $"{Alice.Id}|{Bob.Id}" : $"{Bob.Id}|{Alice.Id}", room.DirectKey);
        var members = await WithDbAsync(db => db.RoomMembers.Where(m => m.RoomId == room.Id).Select(m => m.UserId).ToListAsync());
        Assert.Equal(new[] { Alice.Id, Bob.Id }.Order(), members.Order());

        Assert.Equal([new DirectConversation(room.Id, room.Slug, Bob.Id, "Bob")], await direct.ListAsync(Alice.Id));
        Assert.Equal([new DirectConversation(room.Id, room.Slug, Alice.Id, "Alice")], await direct.ListAsync(Bob.Id));
    }

    [Fact]
    public async Task StartingAgainFromEitherSideOpensTheSameConversation()
    {
        var first = await StartAsync(Alice, Bob);

        Assert.Equal(first.RoomId, (await StartAsync(Alice, Bob)).RoomId);
        Assert.Equal(first.RoomId, (await StartAsync(Bob, Alice)).RoomId);
        Assert.Equal(1, await DirectRoomCountAsync());
    }

    [Fact]
    public async Task TwoPeopleStartingTheirConversationAtTheSameMomentFromManyTabsGetOneRoom()
    {
        var starts = Enumerable.Range(0, 16)
            .Select(i => Task.Run(() => i % 2 == 0 ? direct.StartAsync(Alice.Id, Bob.Id) : direct.StartAsync(Bob.Id, Alice.Id)))
            .ToList();
        var results = await Task.WhenAll(starts);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Single(results.Select(r => r.Value!.RoomId).Distinct());
        Assert.Equal(1, await DirectRoomCountAsync());
        Assert.Equal(2, await WithDbAsync(db => db.RoomMembers.CountAsync(m => m.RoomId == results[0].Value!.RoomId)));
    }

    [Fact]
    public async Task TheTwoExchangeMessagesInTheirConversation()
    {
        var started = await StartAsync(Alice, Bob);

        Assert.True((await chat.SendAsync(Alice.Id, started.RoomId, Guid.NewGuid(), "hi Bob")).Succeeded);
        Assert.True((await chat.SendAsync(Bob.Id, started.RoomId, Guid.NewGuid(), "hi Alice")).Succeeded);

        var history = await chat.GetHistoryAsync(Bob.Id, started.RoomId);
        Assert.Equal(["hi Bob", "hi Alice"], history.Value!.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task AThirdPersonCannotOpenReadOrWriteTheConversation()
    {
        var carol = await ChatTestServices.CreateUserAsync(Provider, "Carol");
        var started = await StartAsync(Alice, Bob);
        Assert.True((await chat.SendAsync(Alice.Id, started.RoomId, Guid.NewGuid(), "just for Bob")).Succeeded);

        await AssertShutOutAsync(carol, started);
    }

    [Fact]
    public async Task AnAdministratorCannotOpenReadOrWriteSomeoneElsesConversation()
    {
        var boss = await ChatTestServices.CreateUserAsync(Provider, "Boss");
        await ChatTestServices.MakeAdminAsync(Provider, boss);
        var started = await StartAsync(Alice, Bob);
        Assert.True((await chat.SendAsync(Alice.Id, started.RoomId, Guid.NewGuid(), "just for Bob")).Succeeded);

        await AssertShutOutAsync(boss, started);
    }

    private async Task AssertShutOutAsync(ChatUser outsider, DirectConversation conversation)
    {
        Assert.Equal(ChatErrorKind.NotAllowed, (await chat.OpenRoomAsync(outsider.Id, conversation.Slug)).Error?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, (await chat.OpenRoomAsync(outsider.Id, conversation.RoomId)).Error?.Kind);
        Assert.False((await chat.GetHistoryAsync(outsider.Id, conversation.RoomId)).Succeeded);
        var sent = await chat.SendAsync(outsider.Id, conversation.RoomId, Guid.NewGuid(), "let me in");
        Assert.Equal(ChatErrorKind.NotAllowed, sent.Error?.Kind);
        Assert.Null(await direct.FindAsync(outsider.Id, conversation.RoomId));
        Assert.Empty(await direct.ListAsync(outsider.Id));
        Assert.Equal(1, await WithDbAsync(db => db.Messages.CountAsync(m => m.RoomId == conversation.RoomId)));
    }

    [Fact]
    public async Task ConversationsAreNeitherInTheRoomListsNorOnTheAdministrationPages()
    {
        var boss = await ChatTestServices.CreateUserAsync(Provider, "Boss");
        await ChatTestServices.MakeAdminAsync(Provider, boss);
        var started = await StartAsync(Alice, Bob);

        Assert.DoesNotContain(await chat.ListRoomsAsync(Alice.Id), r => r.Id == started.RoomId);
        Assert.DoesNotContain(await chat.ListRoomsAsync(boss.Id), r => r.Id == started.RoomId);
        Assert.DoesNotContain((await admin.ListRoomsAsync(boss.Id)).Value!, r => r.Id == started.RoomId);
        Assert.Contains((await admin.ListRoomsAsync(boss.Id)).Value!, r => r.Slug == Room.LobbySlug);
        Assert.Equal(ChatErrorKind.NotFound, (await admin.GetRoomAsync(boss.Id, started.Slug)).Error?.Kind);
        Assert.Equal(ChatErrorKind.NotFound, (await admin.ListMembersAsync(boss.Id, started.RoomId)).Error?.Kind);
        Assert.Equal(ChatErrorKind.NotFound, (await admin.AddMemberAsync(boss.Id, started.RoomId, "boss@example.test")).Error?.Kind);
        Assert.Equal(ChatErrorKind.NotFound, (await admin.RemoveMemberAsync(boss.Id, started.RoomId, Bob.Id))?.Kind);
        Assert.Equal(ChatErrorKind.NotFound, (await admin.UpdateRoomAsync(boss.Id, started.RoomId, "Spied on", null))?.Kind);
        Assert.Equal(ChatErrorKind.NotFound, (await admin.SetArchivedAsync(boss.Id, started.RoomId, true))?.Kind);
        Assert.Equal(ChatErrorKind.NotFound, (await admin.DeleteRoomAsync(boss.Id, started.RoomId))?.Kind);

        // Nothing was changed, and nothing about the conversation reached the audit log.
        var room = await WithDbAsync(db => db.Rooms.SingleAsync(r => r.Id == started.RoomId));
        Assert.Equal((DirectMessages.RoomName, false), (room.Name, room.IsArchived));
        Assert.Equal(2, await WithDbAsync(db => db.RoomMembers.CountAsync(m => m.RoomId == started.RoomId)));
        Assert.Equal(0, await WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task NoRoomAnAdministratorCreatesCanTakeAConversationsAddress()
    {
        var boss = await ChatTestServices.CreateUserAsync(Provider, "Boss");
        await ChatTestServices.MakeAdminAsync(Provider, boss);
        var started = await StartAsync(Alice, Bob);

        var created = await admin.CreateRoomAsync(boss.Id, new RoomDraft("Copycat", started.Slug, null, false));

        Assert.Equal(ChatErrorKind.Invalid, created.Error?.Kind);
        // Named like it, a room gets an address of its own.
        var named = await admin.CreateRoomAsync(boss.Id, new RoomDraft(started.Slug, null, null, false));
        Assert.True(named.Succeeded, named.Error?.Message);
        Assert.NotEqual(started.Slug, named.Value!.Slug);
        Assert.Equal(started.RoomId, (await chat.OpenRoomAsync(Alice.Id, started.Slug)).Value!.RoomId);
    }

    [Fact]
    public async Task NobodyCanStartAConversationWithALockedOrUnknownAccount()
    {
        await ChatTestServices.LockAsync(Provider, Bob);

        var withLocked = await direct.StartAsync(Alice.Id, Bob.Id);
        var withUnknown = await direct.StartAsync(Alice.Id, "no-such-user");

        Assert.Equal(ChatErrorKind.NotFound, withLocked.Error?.Kind);
        Assert.Contains("locked", withLocked.Error!.Message);
        Assert.Equal(ChatErrorKind.NotFound, withUnknown.Error?.Kind);
        Assert.Equal(0, await DirectRoomCountAsync());
    }

    [Fact]
    public async Task ALockedAccountCannotStartOrOpenAConversation()
    {
        var started = await StartAsync(Alice, Bob);
        await ChatTestServices.LockAsync(Provider, Bob);

        Assert.Equal(ChatErrorKind.NotAllowed, (await direct.StartAsync(Bob.Id, Alice.Id)).Error?.Kind);
        Assert.Empty(await direct.ListAsync(Bob.Id));
        Assert.False((await chat.OpenRoomAsync(Bob.Id, started.RoomId)).Succeeded);
        // Alice still reads what was said before the lock.
        Assert.Equal(started.RoomId, (await StartAsync(Alice, Bob)).RoomId);
        Assert.True((await chat.OpenRoomAsync(Alice.Id, started.RoomId)).Succeeded);
    }

    [Fact]
    public async Task AConversationWithOneselfIsANotepadOfOneMember()
    {
        var started = await StartAsync(Alice, Alice);

        Assert.Equal((Alice.Id, "Alice"), (started.PeerId, started.PeerName));
        Assert.Equal(1, await WithDbAsync(db => db.RoomMembers.CountAsync(m => m.RoomId == started.RoomId)));
        Assert.Equal([started], await direct.ListAsync(Alice.Id));
        Assert.Empty(await direct.ListAsync(Bob.Id));
        Assert.Equal(started.RoomId, (await StartAsync(Alice, Alice)).RoomId);
    }

    [Fact]
    public async Task ThePersonWrittenToAndTheStartersOtherTabsAreToldOnceWhenAConversationStarts()
    {
        var bus = Get<IEventBus>();
        var bobHeard = new List<DirectConversationStarted>();
        var aliceHeard = new TaskCompletionSource<DirectConversationStarted>(TaskCreationOptions.RunContinuationsAsynchronously);
        var marker = new DirectConversationStarted(-1, "marker");
        var bobHeardMarker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var bobHears = bus.Subscribe<DirectConversationStarted>(EventKey.User(Bob.Id), e =>
        {
            if (e == marker)
            {
                bobHeardMarker.TrySetResult();
            }
            else
            {
                lock (bobHeard)
                {
                    bobHeard.Add(e);
                }
            }
            return Task.CompletedTask;
        });
        using var aliceHears = bus.Subscribe<DirectConversationStarted>(EventKey.User(Alice.Id), e =>
        {
            aliceHeard.TrySetResult(e);
            return Task.CompletedTask;
        });

        var started = await StartAsync(Alice, Bob);
        await StartAsync(Bob, Alice);
        // A key's events arrive in order: once the marker is in, anything published before it is too.
        bus.Publish(EventKey.User(Bob.Id), marker);

        await bobHeardMarker.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var expected = new DirectConversationStarted(started.RoomId, Alice.Id);
        lock (bobHeard)
        {
            Assert.Equal([expected], bobHeard);
        }
        Assert.Equal(expected, await aliceHeard.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task TheListShowsTheOtherPersonsCurrentNameAndDropsClosedAccounts()
    {
        var carol = await ChatTestServices.CreateUserAsync(Provider, "Carol");
        await StartAsync(Alice, Bob);
        var withCarol = await StartAsync(carol, Alice);

        await WithDbAsync(async db =>
        {
            var bob = await db.Users.SingleAsync(u => u.Id == Bob.Id);
            bob.DisplayName = "Robert";
            db.Users.Remove(await db.Users.SingleAsync(u => u.Id == carol.Id));
            return await db.SaveChangesAsync();
        });

        Assert.Equal(["Robert"], (await direct.ListAsync(Alice.Id)).Select(c => c.PeerName));
        Assert.Null(await direct.FindAsync(Alice.Id, withCarol.RoomId));
    }
}
