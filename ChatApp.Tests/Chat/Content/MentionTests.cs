using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Content;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Chat.Content;

public class MentionTests : ChatServiceTest
{
    public MentionTests() : this(TestDatabase.Sqlite)
    {
    }

    protected MentionTests(Func<TestDatabase> database) : base(database)
    {
    }

    private ChatService Service => Get<ChatService>();

    /// <summary>A person whose display name has spaces (which an account's user name may not).</summary>
    private async Task<ChatUser> CreateUserAsync(string displayName)
    {
        await using var scope = Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        var user = new ChatUser { UserName = $"u{Guid.NewGuid():N}", Email = $"u{Guid.NewGuid():N}@example.test", DisplayName = displayName };
        var result = await users.CreateAsync(user, "Tangerine-Kite-42");
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return user;
    }

    private async Task<MessageView> SendAsync(ChatUser author, Room room, string text)
    {
        var result = await Service.SendAsync(author.Id, room.Id, Guid.NewGuid(), text);
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value!;
    }

    private async Task<string[]> MentionedAsync(Room room, long seq)
    {
        await using var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        return await db.MessageMentions.Where(m => m.RoomId == room.Id && m.Seq == seq).Select(m => m.UserId).OrderBy(id => id).ToArrayAsync();
    }

    private async Task<string> ForEditingAsync(string stored)
    {
        await using var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        return await Get<MessageContent>().ForEditingAsync(db, stored);
    }

    private string Rendered(MessageView message) => MessageMarkdown.ToHtml(message.Text, Get<MentionNames>().NameOf);

    [Fact]
    public async Task MentionedMemberIsStoredById_CountedAndShownByName()
    {
        var sent = await SendAsync(Alice, Lobby, "hi @Bob, look");

        Assert.Equal($"hi <@{Bob.Id}>, look", sent.Text);
        Assert.Equal([Bob.Id], await MentionedAsync(Lobby, sent.Seq));
        Assert.Contains(">@Bob</span>, look", Rendered(sent));
    }

    [Fact]
    public async Task TheLongestMatchingNameWins()
    {
        var ann = await ChatTestServices.CreateUserAsync(Provider, "Ann");
        var annLee = await CreateUserAsync("Ann Lee");

        var sent = await SendAsync(Alice, Lobby, "@Ann Lee and @Ann: lunch?");

        Assert.Equal($"<@{annLee.Id}> and <@{ann.Id}>: lunch?", sent.Text);
        Assert.Equal(new[] { ann.Id, annLee.Id }.Order(), await MentionedAsync(Lobby, sent.Seq));
    }

    [Fact]
    public async Task NameMatchesWhateverItsCase()
    {
        var sent = await SendAsync(Alice, Lobby, "@bob?");

        Assert.Equal($"<@{Bob.Id}>?", sent.Text);
    }

    [Theory]
    [InlineData("@Nobody here")]
    [InlineData("@Bobby is not Bob")]
    [InlineData("write to bob@Bob.example")]
    [InlineData("`@Bob` in code")]
    [InlineData("```\n@Bob\n```")]
    [InlineData("see https://example.com/@Bob")]
    public async Task UnknownNamesAndNamesInCodeOrAddressesStayText(string text)
    {
        var sent = await SendAsync(Alice, Lobby, text);

        Assert.Equal(text, sent.Text);
        Assert.Empty(await MentionedAsync(Lobby, sent.Seq));
    }

    [Fact]
    public async Task InAPrivateRoomOnlyMembersAreMentioned()
    {
        var secret = await ChatTestServices.CreateRoomAsync(Provider, "secret", isPrivate: true);
        await ChatTestServices.AddMemberAsync(Provider, secret, Alice);
        var carol = await ChatTestServices.CreateUserAsync(Provider, "Carol");
        await ChatTestServices.AddMemberAsync(Provider, secret, carol);

        var sent = await SendAsync(Alice, secret, "@Bob @Carol");

        Assert.Equal($"@Bob <@{carol.Id}>", sent.Text);
        Assert.Equal([carol.Id], await MentionedAsync(secret, sent.Seq));
    }

    [Fact]
    public async Task LockedAccountIsNotMentioned()
    {
        await ChatTestServices.LockAsync(Provider, Bob);

        var sent = await SendAsync(Alice, Lobby, "@Bob");

        Assert.Equal("@Bob", sent.Text);
    }

    [Fact]
    public async Task TypedLookAlikeOfATokenMentionsNobodyAndEditsBackAsTyped()
    {
        var typed = $"<@{Bob.Id}> and <!here>";

        var sent = await SendAsync(Alice, Lobby, typed);

        Assert.Empty(await MentionedAsync(Lobby, sent.Seq));
        Assert.DoesNotContain("data-testid=\"mention\"", Rendered(sent));
        Assert.Equal(typed, await ForEditingAsync(sent.Text));
    }

    [Fact]
    public async Task EditingGivesBackTheTextWithCurrentNames()
    {
        var sent = await SendAsync(Alice, Lobby, "ping @bob and @here, `code`");

        Assert.Equal("ping @Bob and @here, `code`", await ForEditingAsync(sent.Text));
    }

    [Fact]
    public async Task RenamedPersonShowsWithTheNewName()
    {
        var sent = await SendAsync(Alice, Lobby, "thanks @Bob");
        var names = Get<MentionNames>();
        var before = names.Version;
        Assert.Contains("@Bob<", Rendered(sent));

        await using (var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync())
        {
            var bob = await db.Users.SingleAsync(u => u.Id == Bob.Id);
            bob.DisplayName = "Robert";
            await db.SaveChangesAsync();
        }
        Get<IEventBus>().Publish(DisplayNameChanged.Key, new DisplayNameChanged(Bob.Id, "Robert"));

        Assert.NotEqual(before, names.Version);
        Assert.Contains("@Robert<", Rendered(sent));
        Assert.Equal("thanks @Robert", await ForEditingAsync(sent.Text));
    }

    [Fact]
    public async Task MentionedPersonIsToldOnTheirOwnKey()
    {
        var notices = new List<MentionNotice>();
        using var _ = Get<IEventBus>().Subscribe<MentionNotice>(EventKey.User(Bob.Id), n =>
        {
            lock (notices)
            {
                notices.Add(n);
            }
            return Task.CompletedTask;
        });

        var sent = await SendAsync(Alice, Lobby, "@Bob look");

        var notice = Assert.Single(notices);
        Assert.Equal((Lobby.Id, Lobby.Slug, sent.Seq, "Alice", false), (notice.RoomId, notice.RoomSlug, notice.Seq, notice.AuthorName, notice.Here));
    }

    private void Present(ChatUser user, Room room, string connection) =>
        Get<PresenceTracker>().Track(RoomPresenceService.RoomTopic(room.Id), user.Id, connection, new PresenceInfo(user.DisplayName));

    [Fact]
    public async Task HereReachesThosePresentInTheRoomButNotTheAuthorOrTheAbsent()
    {
        var carol = await ChatTestServices.CreateUserAsync(Provider, "Carol");
        Present(Alice, Lobby, "a1");
        Present(Bob, Lobby, "b1");
        Present(Bob, Lobby, "b2");

        var sent = await SendAsync(Alice, Lobby, "standup in 5, @here");

        Assert.Equal("standup in 5, <!here>", sent.Text);
        Assert.Equal([Bob.Id], await MentionedAsync(Lobby, sent.Seq));
        Assert.DoesNotContain(carol.Id, await MentionedAsync(Lobby, sent.Seq));
        Assert.Contains(">@here</span>", Rendered(sent));
    }

    [Fact]
    public async Task HereInABigRoomIsRefusedForMembersAndNothingIsSaved()
    {
        Chat.Options.HereMaxMembers = 1;
        var carol = await ChatTestServices.CreateUserAsync(Provider, "Carol");
        Present(Bob, Lobby, "b1");
        Present(carol, Lobby, "c1");

        var refused = await Service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "@here hello");

        Assert.Equal(ChatErrorKind.NotAllowed, refused.Error?.Kind);
        Assert.Contains("@here", refused.Error!.Message);
        await using var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Messages.AnyAsync());
        // The refusal did not cost a send: a plain message still goes.
        Assert.True((await Service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "hello")).Succeeded);
    }

    [Fact]
    public async Task AdministratorMayUseHereInABigRoom()
    {
        Chat.Options.HereMaxMembers = 1;
        var carol = await ChatTestServices.CreateUserAsync(Provider, "Carol");
        await ChatTestServices.MakeAdminAsync(Provider, Alice);
        Present(Bob, Lobby, "b1");
        Present(carol, Lobby, "c1");

        var sent = await SendAsync(Alice, Lobby, "@here hello");

        Assert.Equal(new[] { Bob.Id, carol.Id }.Order(), await MentionedAsync(Lobby, sent.Seq));
    }

    [Fact]
    public async Task AnEditAddingHereInABigRoomIsRefusedAndTheMessageKeepsItsText()
    {
        Chat.Options.HereMaxMembers = 1;
        var carol = await ChatTestServices.CreateUserAsync(Provider, "Carol");
        var sent = await SendAsync(Alice, Lobby, "hello");
        Present(Bob, Lobby, "b1");
        Present(carol, Lobby, "c1");

        var refused = await Service.EditAsync(Alice.Id, Lobby.Id, sent.Seq, "@here hello");

        Assert.Equal(ChatErrorKind.NotAllowed, refused.Error?.Kind);
        Assert.Contains("@here", refused.Error!.Message);
        Assert.Empty(await MentionedAsync(Lobby, sent.Seq));
        await using var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        var stored = await db.Messages.SingleAsync(m => m.RoomId == Lobby.Id && m.Seq == sent.Seq);
        Assert.Equal(("hello", null), (stored.Text, stored.EditedAt));
    }
}
