using AngleSharp.Dom;
using Bunit;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Components.Pages.Rooms;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>Editing and deleting messages in the room: who sees which action, the edit box, and the results, live.</summary>
public sealed class MessageEditingTests : ChatComponentTest
{
    public MessageEditingTests()
    {
        Chat.Options.SendLimitCount = 1_000;
    }

    private async Task<MessageView> SendAsync(ChatUser author, string text) =>
        (await ChatService.SendAsync(author.Id, Lobby.Id, Guid.NewGuid(), text)).Value!;

    private IRenderedComponent<RoomView> RenderLobby(int messages)
    {
        var page = Render<RoomView>(p => p.Add(x => x.Slug, Room.LobbySlug));
        page.WaitForAssertion(() => Assert.Equal(messages, page.FindAll("[data-testid=message]").Count));
        return page;
    }

    private static IElement Row(IRenderedComponent<RoomView> page, long seq) =>
        page.Find($"[data-testid=message][data-message-id='{seq}']");

    private static bool Has(IElement row, string testId) => row.QuerySelector($"[data-testid={testId}]") is not null;

    [Fact]
    public async Task OnlyTheAuthorSeesEditAndDeleteOnTheirMessages()
    {
        var mine = await SendAsync(Alice, "mine");
        var theirs = await SendAsync(Bob, "theirs");

        var page = RenderLobby(2);

        Assert.True(Has(Row(page, mine.Seq), "message-edit"));
        Assert.True(Has(Row(page, mine.Seq), "message-delete"));
        Assert.False(Has(Row(page, theirs.Seq), "message-edit"));
        Assert.False(Has(Row(page, theirs.Seq), "message-delete"));
    }

    [Fact]
    public async Task AMessageArrivingDoesNotSendTheActionsOfTheViewersOwnRowsAgain()
    {
        var mine = await SendAsync(Alice, "mine");
        var page = RenderLobby(1);
        string? Handler(string testId) => Row(page, mine.Seq).QuerySelector($"[data-testid={testId}]")!.GetAttribute("blazor:onclick");
        var (edit, delete) = (Handler("message-edit"), Handler("message-delete"));
        Assert.NotNull(edit);

        await SendAsync(Bob, "someone else talks: the list is drawn again");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=message]").Count));

        // The same handlers: a new one per render went to every tab again, for each such row, on every message.
        Assert.Equal((edit, delete), (Handler("message-edit"), Handler("message-delete")));
    }

    [Fact]
    public async Task PastTheEditWindowTheAuthorMayStillDeleteButNotEdit()
    {
        var mine = await SendAsync(Alice, "old");
        Chat.Time.Advance(Chat.Options.EditWindow);

        var page = RenderLobby(1);

        Assert.False(Has(Row(page, mine.Seq), "message-edit"));
        Assert.True(Has(Row(page, mine.Seq), "message-delete"));
    }

    [Fact]
    public async Task AnAdministratorSeesDeleteButNotEditOnOthersMessages()
    {
        await ChatTestServices.MakeAdminAsync(Services, Alice);
        var theirs = await SendAsync(Bob, "theirs");

        var page = RenderLobby(1);

        Assert.True(Has(Row(page, theirs.Seq), "message-delete"));
        Assert.False(Has(Row(page, theirs.Seq), "message-edit"));
    }

    [Fact]
    public async Task EditingShowsTheTextInABoxAndSavingShowsTheEditedMessage()
    {
        var mine = await SendAsync(Alice, "helo wrold");
        var page = RenderLobby(1);

        Row(page, mine.Seq).QuerySelector("[data-testid=message-edit]")!.Click();
        page.WaitForAssertion(() => Assert.Equal("helo wrold", page.Find("[data-testid=message-edit-input]").GetAttribute("value")));
        Assert.NotNull(Row(page, mine.Seq).QuerySelector("[data-testid=message-edit-input]"));
        page.Find("[data-testid=message-edit-input]").Change("hello world");
        page.Find("[data-testid=message-edit-save]").Click();

        page.WaitForAssertion(() => Assert.Equal("true", Row(page, mine.Seq).GetAttribute("data-edited")));
        Assert.Equal("hello world", Row(page, mine.Seq).QuerySelector("[data-testid=message-text]")!.TextContent);
        Assert.Contains("(edited)", Row(page, mine.Seq).TextContent);
        Assert.Empty(page.FindAll("[data-testid=message-edit-input]"));
    }

    [Fact]
    public async Task CancellingAnEditLeavesTheMessageAsItWas()
    {
        var mine = await SendAsync(Alice, "as it was");
        var page = RenderLobby(1);

        Row(page, mine.Seq).QuerySelector("[data-testid=message-edit]")!.Click();
        page.WaitForAssertion(() => page.Find("[data-testid=message-edit-input]").Change("something else"));
        page.Find("[data-testid=message-edit-cancel]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=message-edit-input]")));
        Assert.Equal("as it was", Row(page, mine.Seq).QuerySelector("[data-testid=message-text]")!.TextContent);
        Assert.Null(Row(page, mine.Seq).GetAttribute("data-edited"));
    }

    [Fact]
    public async Task ARefusedEditShowsWhyAndKeepsWhatWasTyped()
    {
        var mine = await SendAsync(Alice, "first");
        var page = RenderLobby(1);
        Row(page, mine.Seq).QuerySelector("[data-testid=message-edit]")!.Click();
        page.WaitForAssertion(() => page.Find("[data-testid=message-edit-input]").Change("second thoughts"));

        // The window closes while the person types.
        Chat.Time.Advance(Chat.Options.EditWindow);
        page.Find("[data-testid=message-edit-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("can be edited for 15 minutes", Row(page, mine.Seq).QuerySelector("[data-testid=error-message]")!.TextContent));
        Assert.Equal("second thoughts", page.Find("[data-testid=message-edit-input]").GetAttribute("value"));
        Assert.Equal("first", (await ChatService.GetHistoryAsync(Bob.Id, Lobby.Id)).Value!.Messages[0].Text);
    }

    [Fact]
    public async Task DeletingAsksFirstThenLeavesAMessageDeletedLine()
    {
        var mine = await SendAsync(Alice, "regrettable");
        var page = RenderLobby(1);

        Row(page, mine.Seq).QuerySelector("[data-testid=message-delete]")!.Click();
        // Nothing happens before the person confirms.
        Assert.True(Has(Row(page, mine.Seq), "cancel-button"));
        Assert.Null(Row(page, mine.Seq).GetAttribute("data-deleted"));
        page.Find("[data-testid=confirm-button]").Click();

        page.WaitForAssertion(() => Assert.Equal("true", Row(page, mine.Seq).GetAttribute("data-deleted")));
        Assert.Contains("message deleted", Row(page, mine.Seq).TextContent);
        Assert.DoesNotContain("regrettable", page.Markup);
        Assert.False(Has(Row(page, mine.Seq), "message-delete"));
    }

    [Fact]
    public async Task AnEditAndADeletionElsewhereShowLive()
    {
        var edited = await SendAsync(Bob, "typo");
        var deleted = await SendAsync(Bob, "secret");
        var page = RenderLobby(2);

        await ChatService.EditAsync(Bob.Id, Lobby.Id, edited.Seq, "fixed");
        await ChatService.DeleteAsync(Bob.Id, Lobby.Id, deleted.Seq);

        page.WaitForAssertion(() => Assert.Equal("true", Row(page, deleted.Seq).GetAttribute("data-deleted")));
        Assert.Equal("fixed", Row(page, edited.Seq).QuerySelector("[data-testid=message-text]")!.TextContent);
        Assert.Equal("true", Row(page, edited.Seq).GetAttribute("data-edited"));
        Assert.DoesNotContain("secret", page.Markup);
    }
}
