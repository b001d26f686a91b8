using System.Collections.Concurrent;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Tests.Chat;

/// <summary>Editing and deleting messages: who may, until when, and what is left in the database afterwards.</summary>
public class MessageEditTests : ChatServiceTest
{
    public MessageEditTests() : this(TestDatabase.Sqlite)
    {
    }

    protected MessageEditTests(Func<TestDatabase> database) : base(database)
    {
        // Many writes in a moment: the flood limit is tested on its own.
        Chat.Options.SendLimitCount = 100_000;
    }

    private ChatService Service => Get<ChatService>();

    private async Task<MessageView> SendAsync(ChatUser author, string text, int? roomId = null)
    {
        var sent = await Service.SendAsync(author.Id, roomId ?? Lobby.Id, Guid.NewGuid(), text);
        Assert.True(sent.Succeeded, sent.Error?.Message);
        return sent.Value!;
    }

    private async Task<ChatMessage> StoredAsync(long seq, int? roomId = null)
    {
        await using var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        var room = roomId ?? Lobby.Id;
        return await db.Messages.AsNoTracking().Include(m => m.Mentions).SingleAsync(m => m.RoomId == room && m.Seq == seq);
    }

    private async Task<ChatUser> AdminAsync(string name = "Carol")
    {
        var admin = await ChatTestServices.CreateUserAsync(Provider, name);
        await ChatTestServices.MakeAdminAsync(Provider, admin);
        return admin;
    }

    [Fact]
    public async Task AnAuthorEditsTheirMessageWithinTheWindowAndItIsMarkedEdited()
    {
        var sent = await SendAsync(Alice, "helo");
        Chat.Time.Advance(TimeSpan.FromMinutes(14));

        var edited = await Service.EditAsync(Alice.Id, Lobby.Id, sent.Seq, "  hello  ");

        Assert.True(edited.Succeeded, edited.Error?.Message);
        Assert.Equal("hello", edited.Value!.Text);
        Assert.Equal(Chat.Time.GetUtcNow(), edited.Value.EditedAt);
        Assert.Equal(sent.SentAt, edited.Value.SentAt);
        var stored = await StoredAsync(sent.Seq);
        Assert.Equal("hello", stored.Text);
        Assert.NotNull(stored.EditedAt);
        var history = (await Service.GetHistoryAsync(Bob.Id, Lobby.Id)).Value!.Messages;
        Assert.Equal("hello", Assert.Single(history).Text);
        Assert.NotNull(history[0].EditedAt);
    }

    [Fact]
    public async Task AnEditAfterTheWindowIsRefusedAndTheTextStays()
    {
        var sent = await SendAsync(Alice, "first words");
        Chat.Time.Advance(TimeSpan.FromMinutes(15));

        var edited = await Service.EditAsync(Alice.Id, Lobby.Id, sent.Seq, "second thoughts");

        Assert.Equal(ChatErrorKind.NotAllowed, edited.Error?.Kind);
        Assert.Contains("15 minutes", edited.Error!.Message);
        var stored = await StoredAsync(sent.Seq);
        Assert.Equal("first words", stored.Text);
        Assert.Null(stored.EditedAt);
    }

    [Fact]
    public async Task AConfiguredWindowOfZeroLetsAuthorsEditAtAnyTime()
    {
        Chat.Options.EditWindow = TimeSpan.Zero;
        var sent = await SendAsync(Alice, "old");
        Chat.Time.Advance(TimeSpan.FromDays(400));

        Assert.True((await Service.EditAsync(Alice.Id, Lobby.Id, sent.Seq, "new")).Succeeded);
        Assert.Equal("new", (await StoredAsync(sent.Seq)).Text);
    }

    [Fact]
    public async Task NobodyButTheAuthorEditsAMessageNotEvenAnAdministrator()
    {
        var sent = await SendAsync(Alice, "mine");
        var admin = await AdminAsync();

        var byBob = await Service.EditAsync(Bob.Id, Lobby.Id, sent.Seq, "Bob was here");
        var byAdmin = await Service.EditAsync(admin.Id, Lobby.Id, sent.Seq, "Admin was here");

        Assert.Equal(ChatErrorKind.NotAllowed, byBob.Error?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, byAdmin.Error?.Kind);
        Assert.Equal("mine", (await StoredAsync(sent.Seq)).Text);
    }

    [Theory]
    [InlineData("   ", ChatErrorKind.Empty)]
    [InlineData(null, ChatErrorKind.Empty)]
    [InlineData("x", ChatErrorKind.TooLong)]
    public async Task AnEditFollowsTheRulesOfSending(string? text, ChatErrorKind expected)
    {
        var sent = await SendAsync(Alice, "keep me");
        if (expected == ChatErrorKind.TooLong)
        {
            text = new string('x', Chat.Options.MaxMessageLength + 1);
        }

        var edited = await Service.EditAsync(Alice.Id, Lobby.Id, sent.Seq, text);

        Assert.Equal(expected, edited.Error?.Kind);
        Assert.Equal("keep me", (await StoredAsync(sent.Seq)).Text);
    }

    [Fact]
    public async Task EditsCountAgainstTheSendLimit()
    {
        Chat.Options.SendLimitCount = 2;
        var sent = await SendAsync(Alice, "one");
        Assert.True((await Service.EditAsync(Alice.Id, Lobby.Id, sent.Seq, "two")).Succeeded);

        var third = await Service.EditAsync(Alice.Id, Lobby.Id, sent.Seq, "three");

        Assert.Equal(ChatErrorKind.TooFast, third.Error?.Kind);
        Assert.Equal("two", (await StoredAsync(sent.Seq)).Text);
    }

    [Fact]
    public async Task SavingTheSameTextIsNotAnEdit()
    {
        var sent = await SendAsync(Alice, "same");
        var heard = new ConcurrentQueue<MessageChanged>();
        using var _ = Get<IEventBus>().Subscribe<MessageChanged>(EventKey.Room(Lobby.Id), e => { heard.Enqueue(e); return Task.CompletedTask; });

        var edited = await Service.EditAsync(Alice.Id, Lobby.Id, sent.Seq, " same ");

        Assert.True(edited.Succeeded);
        Assert.Null(edited.Value!.EditedAt);
        Assert.Null((await StoredAsync(sent.Seq)).EditedAt);
        Assert.Empty(heard);
    }

    [Fact]
    public async Task MessagesInAnArchivedRoomCannotBeEdited()
    {
        var room = await ChatTestServices.CreateRoomAsync(Provider, "history");
        var sent = await SendAsync(Alice, "before the archive", room.Id);
        await using (var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync())
        {
            await db.Rooms.Where(r => r.Id == room.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.IsArchived, true));
        }

        var edited = await Service.EditAsync(Alice.Id, room.Id, sent.Seq, "after the archive");

        Assert.Equal(ChatErrorKind.Archived, edited.Error?.Kind);
        Assert.Equal("before the archive", (await StoredAsync(sent.Seq, room.Id)).Text);
    }

    [Fact]
    public async Task ADeletedMessageKeepsItsNumberButItsTextAndMentionsAreGoneFromTheDatabase()
    {
        var sent = await SendAsync(Alice, "something I regret");
        var after = await SendAsync(Bob, "a reply");
        await MentionAsync(sent.Seq, Bob);

        var deleted = await Service.DeleteAsync(Alice.Id, Lobby.Id, sent.Seq);

        Assert.True(deleted.Succeeded, deleted.Error?.Message);
        Assert.True(deleted.Value!.Deleted);
        Assert.Equal("", deleted.Value.Text);
        var stored = await StoredAsync(sent.Seq);
        Assert.Equal("", stored.Text);
        Assert.Equal(Chat.Time.GetUtcNow(), stored.DeletedAt);
        Assert.Empty(stored.Mentions);
        await using (var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync())
        {
            Assert.False(await db.Messages.AnyAsync(m => m.Text.Contains("regret")));
            Assert.False(await db.MessageMentions.AnyAsync(m => m.RoomId == Lobby.Id && m.Seq == sent.Seq));
        }
        var history = (await Service.GetHistoryAsync(Bob.Id, Lobby.Id)).Value!.Messages;
        Assert.Equal([sent.Seq, after.Seq], history.Select(m => m.Seq));
        Assert.True(history[0].Deleted);
        Assert.Equal("a reply", history[1].Text);
        // The room goes on numbering after it.
        Assert.Equal(after.Seq + 1, (await SendAsync(Bob, "next")).Seq);
    }

    [Fact]
    public async Task AnEditReplacesTheMentionsOfTheMessage()
    {
        var sent = await SendAsync(Alice, "hi Bob");
        await MentionAsync(sent.Seq, Bob);

        Assert.True((await Service.EditAsync(Alice.Id, Lobby.Id, sent.Seq, "hi everyone")).Succeeded);

        // What the content seam says the new text mentions, and nothing left of the old text's mentions.
        Assert.Empty((await StoredAsync(sent.Seq)).Mentions);
    }

    [Fact]
    public async Task ADeletedMessageCannotBeEdited()
    {
        var sent = await SendAsync(Alice, "gone soon");
        Assert.True((await Service.DeleteAsync(Alice.Id, Lobby.Id, sent.Seq)).Succeeded);

        var edited = await Service.EditAsync(Alice.Id, Lobby.Id, sent.Seq, "back again");

        Assert.Equal(ChatErrorKind.NotFound, edited.Error?.Kind);
        var stored = await StoredAsync(sent.Seq);
        Assert.Equal("", stored.Text);
        Assert.NotNull(stored.DeletedAt);
    }

    [Fact]
    public async Task OnlyTheAuthorOrAnAdministratorDeletesAMessage()
    {
        var sent = await SendAsync(Alice, "Alice's");

        var byBob = await Service.DeleteAsync(Bob.Id, Lobby.Id, sent.Seq);

        Assert.Equal(ChatErrorKind.NotAllowed, byBob.Error?.Kind);
        Assert.Equal("Alice's", (await StoredAsync(sent.Seq)).Text);
    }

    [Fact]
    public async Task AuthorsDeleteTheirOwnMessagesAtAnyTimeWithoutAnAuditEntry()
    {
        var sent = await SendAsync(Alice, "old news");
        Chat.Time.Advance(TimeSpan.FromDays(30));

        Assert.True((await Service.DeleteAsync(Alice.Id, Lobby.Id, sent.Seq)).Succeeded);

        await using var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "message.delete"));
    }

    [Fact]
    public async Task AnAdministratorDeletesAnyonesMessageAndTheAuditSaysWhoWhereAndWhichButNotTheText()
    {
        var sent = await SendAsync(Alice, "a secret recipe");
        var admin = await AdminAsync();

        var deleted = await Service.DeleteAsync(admin.Id, Lobby.Id, sent.Seq);

        Assert.True(deleted.Succeeded, deleted.Error?.Message);
        Assert.Equal("", (await StoredAsync(sent.Seq)).Text);
        await using var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "message.delete");
        Assert.Equal(admin.Id, entry.ActorId);
        Assert.Equal("Carol", entry.ActorName);
        Assert.Equal(Lobby.Slug, entry.TargetId);
        Assert.Contains($"#{sent.Seq}", entry.Details);
        Assert.Contains("Alice", entry.Details);
        Assert.DoesNotContain("recipe", $"{entry.Details} {entry.TargetName} {entry.TargetId}");
    }

    [Fact]
    public async Task AnAdministratorCannotDeleteInADirectConversationTheyAreNotPartOf()
    {
        var admin = await AdminAsync();
        int roomId;
        await using (var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync())
        {
            var ids = new[] { Alice.Id, Bob.Id }.Order(StringComparer.Ordinal).ToArray();
            var direct = new Room { Name = "Alice, Bob", Slug = "dm-alice-bob", IsPrivate = true, IsDirect = true, DirectKey = string.Join('|', ids) };
            db.Rooms.Add(direct);
            db.RoomMembers.AddRange(new RoomMember { Room = direct, UserId = Alice.Id }, new RoomMember { Room = direct, UserId = Bob.Id });
            await db.SaveChangesAsync();
            roomId = direct.Id;
        }
        var sent = await SendAsync(Alice, "just between us", roomId);

        var byAdmin = await Service.DeleteAsync(admin.Id, roomId, sent.Seq);

        Assert.False(byAdmin.Succeeded);
        Assert.Equal("just between us", (await StoredAsync(sent.Seq, roomId)).Text);
        Assert.True((await Service.DeleteAsync(Alice.Id, roomId, sent.Seq)).Succeeded);
    }

    [Fact]
    public async Task ChangesArePublishedOnTheRoomOnlyOnceSaved()
    {
        var sent = await SendAsync(Alice, "draft");
        var seen = new ConcurrentQueue<(MessageView Event, string Stored)>();
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = Get<IEventBus>().Subscribe<MessageChanged>(EventKey.Room(Lobby.Id), async e =>
        {
            // What a tab that reloads on hearing it would find.
            seen.Enqueue((e.Message, (await StoredAsync(e.Message.Seq)).Text));
            if (seen.Count == 2)
            {
                both.TrySetResult();
            }
        });

        await Service.EditAsync(Alice.Id, Lobby.Id, sent.Seq, "final");
        await Service.DeleteAsync(Alice.Id, Lobby.Id, sent.Seq);
        await both.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var events = seen.ToArray();
        Assert.Equal(("final", "final"), (events[0].Event.Text, events[0].Stored));
        Assert.True(events[1].Event.Deleted);
        Assert.Equal("", events[1].Stored);
    }

    [Fact]
    public async Task ManyTabsEditingAndDeletingAtOnceEndWithWhatTheDatabaseHas()
    {
        var messages = new List<MessageView>();
        for (var i = 0; i < 8; i++)
        {
            messages.Add(await SendAsync(Alice, $"m{i}"));
        }
        var admin = await AdminAsync();
        var latest = new ConcurrentDictionary<long, MessageView>();
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = Get<IEventBus>().Subscribe<MessageChanged>(EventKey.Room(Lobby.Id), e =>
        {
            if (e.Message.Seq < 0)
            {
                drained.TrySetResult();
            }
            latest.AddOrUpdate(e.Message.Seq, e.Message, (_, known) => e.Message.IsNewerThan(known) ? e.Message : known);
            return Task.CompletedTask;
        });

        var work = Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            var target = messages[i % messages.Count];
            var result = i % 16 == 15
                ? await Service.DeleteAsync(i % 2 == 0 ? admin.Id : Alice.Id, Lobby.Id, target.Seq)
                : await Service.EditAsync(Alice.Id, Lobby.Id, target.Seq, $"edit {i}");
            // An edit may lose to a deletion that came first; nothing else may fail.
            Assert.True(result.Succeeded || result.Error!.Kind == ChatErrorKind.NotFound, result.Error?.Message);
        }));
        await Task.WhenAll(work);
        // Events of a key reach a subscriber in the order they were published: once this one arrives, all did.
        Get<IEventBus>().Publish(EventKey.Room(Lobby.Id), new MessageChanged(messages[0] with { Seq = -1 }));
        await drained.Task.WaitAsync(TimeSpan.FromSeconds(30));

        foreach (var message in messages)
        {
            var stored = await StoredAsync(message.Seq);
            var heard = latest[message.Seq];
            Assert.Equal(stored.DeletedAt is not null, heard.Deleted);
            Assert.Equal(stored.Text, heard.Text);
        }
    }

    private async Task MentionAsync(long seq, ChatUser person)
    {
        await using var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        var message = await db.Messages.SingleAsync(m => m.RoomId == Lobby.Id && m.Seq == seq);
        db.MessageMentions.Add(new MessageMention { MessageId = message.Id, UserId = person.Id, RoomId = Lobby.Id, Seq = seq });
        await db.SaveChangesAsync();
    }
}
