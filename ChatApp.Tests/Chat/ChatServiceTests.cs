using System.Collections.Concurrent;
using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Chat;

public class ChatServiceTests : ChatServiceTest
{
    public ChatServiceTests() : this(TestDatabase.Sqlite)
    {
    }

    protected ChatServiceTests(Func<TestDatabase> database) : base(database)
    {
    }

    private ChatService service => Get<ChatService>();
    private InProcessEventBus bus => Get<InProcessEventBus>();

    private IDisposable SubscribeToRoom(int roomId, Func<MessageView, Task> onMessage) =>
        bus.Subscribe<MessageSaved>(EventKey.Room(roomId), saved => onMessage(saved.Message));

    [Fact]
    public async Task SentMessageIsStoredTrimmedWithAuthorName()
    {
        var result = await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "  hello there  ");

        Assert.True(result.Succeeded);
        Assert.Equal("hello there", result.Value!.Text);
        Assert.Equal("Alice", result.Value.AuthorName);
        Assert.Equal(Chat.Time.GetUtcNow(), result.Value.SentAt);
        var history = await service.GetHistoryAsync(Bob.Id, Lobby.Id);
        Assert.Equal(["hello there"], history.Value!.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task EmptyMessageIsRefusedAndNothingIsSaved()
    {
        var result = await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "   ");

        Assert.Equal(ChatErrorKind.Empty, result.Error?.Kind);
        Assert.Equal(0, await CountMessagesAsync());
    }

    [Fact]
    public async Task TooLongMessageIsRefusedAndNothingIsSaved()
    {
        var result = await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), new string('x', 4001));

        Assert.Equal(ChatErrorKind.TooLong, result.Error?.Kind);
        Assert.Equal(0, await CountMessagesAsync());
    }

    [Fact]
    public async Task MarkupIsStoredAsTheTextTheUserTyped()
    {
        var result = await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "<b>bold</b> <script>alert(1)</script>");

        Assert.Equal("<b>bold</b> <script>alert(1)</script>", result.Value!.Text);
    }

    [Fact]
    public async Task SendingOverTheLimitIsRefusedAndNotSaved()
    {
        for (var i = 0; i < Chat.Options.SendLimitCount; i++)
        {
            Assert.True((await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), $"m{i}")).Succeeded);
        }

        var refused = await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "one too many");

        Assert.Equal(ChatErrorKind.TooFast, refused.Error?.Kind);
        Assert.Equal(Chat.Options.SendLimitCount, await CountMessagesAsync());
    }

    [Fact]
    public async Task SendLimitFreesUpAsTheWindowSlides()
    {
        for (var i = 0; i < Chat.Options.SendLimitCount; i++)
        {
            await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), $"m{i}");
        }
        Chat.Time.Advance(Chat.Options.SendLimitWindow - TimeSpan.FromMilliseconds(1));
        Assert.False((await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "still too soon")).Succeeded);

        Chat.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True((await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "now fine")).Succeeded);
    }

    [Fact]
    public async Task SendLimitIsPerUserSoOthersCanStillSend()
    {
        for (var i = 0; i < Chat.Options.SendLimitCount + 1; i++)
        {
            await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), $"m{i}");
        }

        Assert.True((await service.SendAsync(Bob.Id, Lobby.Id, Guid.NewGuid(), "bob is fine")).Succeeded);
    }

    [Fact]
    public async Task SendLimitHoldsWhenOneUserSendsFromManyTabsAtOnce()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(i => Task.Run(() => service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), $"tab {i}"))));

        Assert.Equal(Chat.Options.SendLimitCount, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(ChatErrorKind.TooFast, r.Error!.Kind));
        Assert.Equal(Chat.Options.SendLimitCount, await CountMessagesAsync());
    }

    [Fact]
    public async Task MessageIsInTheDatabaseBeforeAnySubscriberHearsOfIt()
    {
        var seenInDatabase = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var factory = Provider.GetRequiredService<IDbContextFactory<ChatDbContext>>();
        using var _ = SubscribeToRoom(Lobby.Id, async message =>
        {
            await using var db = await factory.CreateDbContextAsync();
            seenInDatabase.TrySetResult(await db.Messages.AnyAsync(m => m.RoomId == message.RoomId && m.Seq == message.Seq && m.Text == message.Text));
        });

        await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "saved first");

        Assert.True(await seenInDatabase.Task);
    }

    [Fact]
    public async Task RefusedMessageIsNeverPublished()
    {
        var published = new ConcurrentBag<MessageView>();
        using var _ = SubscribeToRoom(Lobby.Id, m => { published.Add(m); return Task.CompletedTask; });

        await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "");
        await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), new string('x', 5000));

        Assert.Empty(published);
    }

    [Fact]
    public async Task RetriedSendIsStoredAndPublishedOnce()
    {
        var published = new ConcurrentBag<MessageView>();
        using var _ = SubscribeToRoom(Lobby.Id, m => { published.Add(m); return Task.CompletedTask; });
        var clientId = Guid.NewGuid();

        var first = await service.SendAsync(Alice.Id, Lobby.Id, clientId, "only once");
        var retry = await service.SendAsync(Alice.Id, Lobby.Id, clientId, "only once");

        Assert.Equal(first.Value!.Seq, retry.Value!.Seq);
        Assert.Equal(1, await CountMessagesAsync());
        Assert.Single(published);
    }

    [Fact]
    public async Task ManyUsersSendingAtOnceAreAllSavedAndPublishedOnce()
    {
        var users = new List<ChatUser>();
        for (var i = 0; i < 8; i++)
        {
            users.Add(await ChatTestServices.CreateUserAsync(Provider, $"User{i}"));
        }
        var published = new ConcurrentBag<long>();
        using var _ = SubscribeToRoom(Lobby.Id, m => { published.Add(m.Seq); return Task.CompletedTask; });

        await Task.WhenAll(users.SelectMany(u => Enumerable.Range(0, 5)
            .Select(i => Task.Run(() => service.SendAsync(u.Id, Lobby.Id, Guid.NewGuid(), $"{u.DisplayName} {i}")))));

        Assert.Equal(40, await CountMessagesAsync());
        Assert.Equal(40, published.Distinct().Count());
        Assert.Equal(40, published.Count);
    }

    [Fact]
    public async Task HistoryPagesBackwardsFiftyAtATimeOldestFirst()
    {
        await SeedMessagesAsync(120);

        var newest = (await service.GetHistoryAsync(Bob.Id, Lobby.Id)).Value!;
        var middle = (await service.GetHistoryAsync(Bob.Id, Lobby.Id, newest.Messages[0].Seq)).Value!;
        var oldest = (await service.GetHistoryAsync(Bob.Id, Lobby.Id, middle.Messages[0].Seq)).Value!;

        Assert.Equal(Enumerable.Range(70, 50).Select(i => $"m{i}"), newest.Messages.Select(m => m.Text));
        Assert.True(newest.HasOlder);
        Assert.Equal(Enumerable.Range(20, 50).Select(i => $"m{i}"), middle.Messages.Select(m => m.Text));
        Assert.True(middle.HasOlder);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"m{i}"), oldest.Messages.Select(m => m.Text));
        Assert.False(oldest.HasOlder);
    }

    [Fact]
    public async Task UnknownSlugIsNotFound()
    {
        var result = await service.OpenRoomAsync(Alice.Id, "no-such-room");

        Assert.Equal(ChatErrorKind.NotFound, result.Error?.Kind);
    }

    [Fact]
    public async Task PrivateRoomIsHiddenAndClosedToNonMembers()
    {
        var secret = await ChatTestServices.CreateRoomAsync(Provider, "secret", isPrivate: true);

        Assert.DoesNotContain(await service.ListRoomsAsync(Alice.Id), r => r.Slug == "secret");
        Assert.Equal(ChatErrorKind.NotAllowed, (await service.OpenRoomAsync(Alice.Id, "secret")).Error?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, (await service.GetHistoryAsync(Alice.Id, secret.Id)).Error?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, (await service.SendAsync(Alice.Id, secret.Id, Guid.NewGuid(), "hi")).Error?.Kind);
        Assert.Equal(0, await CountMessagesAsync());
    }

    [Fact]
    public async Task PrivateRoomIsOpenToItsMembers()
    {
        var secret = await ChatTestServices.CreateRoomAsync(Provider, "secret", isPrivate: true);
        await ChatTestServices.AddMemberAsync(Provider, secret, Bob);

        Assert.Contains(await service.ListRoomsAsync(Bob.Id), r => r.Slug == "secret");
        Assert.True((await service.SendAsync(Bob.Id, secret.Id, Guid.NewGuid(), "members only")).Succeeded);
    }

    [Fact]
    public async Task ArchivedRoomCanBeReadButNotWrittenTo()
    {
        var old = await ChatTestServices.CreateRoomAsync(Provider, "old", isArchived: true);

        var result = await service.SendAsync(Alice.Id, old.Id, Guid.NewGuid(), "hello?");

        Assert.Equal(ChatErrorKind.Archived, result.Error?.Kind);
        Assert.True((await service.GetHistoryAsync(Alice.Id, old.Id)).Succeeded);
    }

    [Fact]
    public async Task LockedUserCanNeitherReadNorSend()
    {
        await ChatTestServices.LockAsync(Provider, Alice);

        Assert.Empty(await service.ListRoomsAsync(Alice.Id));
        Assert.Equal(ChatErrorKind.NotAllowed, (await service.GetHistoryAsync(Alice.Id, Lobby.Id)).Error?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, (await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "hi")).Error?.Kind);
    }

    [Fact]
    public async Task FailedSignInLockoutDoesNotCutOffOpenTabs()
    {
        // Five wrong passwords typed by a stranger lock new sign-ins, not the owner's open session.
        await using (var scope = Provider.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
            var user = await users.FindByIdAsync(Alice.Id);
            await users.SetLockoutEnabledAsync(user!, true);
            await users.SetLockoutEndDateAsync(user!, Chat.Time.GetUtcNow().AddMinutes(5));
        }

        Assert.True((await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "still here")).Succeeded);
    }

    [Fact]
    public async Task UnknownUserIsRefused()
    {
        var result = await service.SendAsync("not-a-user", Lobby.Id, Guid.NewGuid(), "hi");

        Assert.Equal(ChatErrorKind.NotAllowed, result.Error?.Kind);
        Assert.Empty(await service.ListRoomsAsync("not-a-user"));
    }

    private async Task SeedMessagesAsync(int count)
    {
        await using var db = await Provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        for (var i = 0; i < count; i++)
        {
            db.Messages.Add(new ChatMessage
            {
                RoomId = Lobby.Id,
                Seq = i + 1,
                AuthorId = Alice.Id,
                Text = $"m{i}",
                SentAt = Chat.Time.GetUtcNow(),
                ClientMessageId = Guid.NewGuid(),
            });
        }
        await db.SaveChangesAsync();
    }

    private async Task<int> CountMessagesAsync()
    {
        await using var db = await Provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        return await db.Messages.CountAsync();
    }

    [Fact]
    public async Task OnlyThoseWhoMayOpenARoomCanWatchItsMessages()
    {
        var secret = await ChatTestServices.CreateRoomAsync(Provider, "secret-watch", isPrivate: true);
        await ChatTestServices.AddMemberAsync(Provider, secret, Bob);
        var service = Get<ChatService>();
        var heardByBob = new List<string>();

        var outsider = await service.WatchRoomAsync(Alice.Id, secret.Id, _ => Task.CompletedTask);
        using var member = (await service.WatchRoomAsync(Bob.Id, secret.Id, m => { heardByBob.Add(m.Text); return Task.CompletedTask; })).Value!;
        await service.SendAsync(Bob.Id, secret.Id, Guid.NewGuid(), "members only");

        Assert.Equal(ChatErrorKind.NotAllowed, outsider.Error?.Kind);
        Assert.Equal(["members only"], heardByBob);
        Assert.Equal(1, bus.SubscriberCount<MessageSaved>(EventKey.Room(secret.Id)));
    }
}
