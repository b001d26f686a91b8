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

    /// <summary>
    /// Clicks a row's action button as the browser reports it (ChatApp.Web.lib.module.js): the action and the row's
    /// number, to the list's one handler. The button itself has no handler.
    /// </summary>
    private static void ClickAction(IRenderedComponent<RoomView> page, long seq, string testId)
    {
        var button = Row(page, seq).QuerySelector($"[data-testid={testId}]") ?? throw new InvalidOperationException($"no {testId} on row {seq}");
        Assert.Null(button.GetAttribute("blazor:onclick"));
        page.Find("[data-testid=message-list]").TriggerEvent("onmessageaction",
            new MessageActionEventArgs { Action = button.GetAttribute("data-message-action"), Seq = seq.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

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
    public async Task TheViewersOwnRowsCarryTheirButtonsAsMarkupWithoutAHandlerPerRow()
    {
        var mine = await SendAsync(Alice, "mine");
        var page = RenderLobby(1);

        await SendAsync(Bob, "someone else talks: the list is drawn again");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=message]").Count));

        // A handler per button and row was tab state, and was sent again whenever it was made anew.
        foreach (var button in Row(page, mine.Seq).QuerySelectorAll("button"))
        {
            Assert.Null(button.GetAttribute("blazor:onclick"));
        }
        Assert.Equal(["edit", "delete"], Row(page, mine.Seq).QuerySelectorAll("button").Select(b => b.GetAttribute("data-message-action")));
    }

    [Fact]
    public async Task AClickReportedForADeletionNobodyConfirmedDeletesNothing()
    {
        var mine = await SendAsync(Alice, "keep me");
        var page = RenderLobby(1);

        // Client events are untrusted: "confirm" without this tab having asked, and nonsense, change nothing.
        foreach (var (action, seq) in new[] { ("confirm-delete", mine.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("confirm-delete", "x"), ("explode", "1"), (null, null) })
        {
            page.Find("[data-testid=message-list]").TriggerEvent("onmessageaction", new MessageActionEventArgs { Action = action, Seq = seq });
        }

        var history = await ChatService.GetHistoryAsync(await AccessAsync(Alice.Id, Lobby.Id));
        Assert.False(history.Value!.Messages.Single().Deleted);
        Assert.Contains("keep me", Row(page, mine.Seq).TextContent);
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

        ClickAction(page, mine.Seq, "message-edit");
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

        ClickAction(page, mine.Seq, "message-edit");
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
        ClickAction(page, mine.Seq, "message-edit");
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

        ClickAction(page, mine.Seq, "message-delete");
        // Nothing happens before the person confirms.
        Assert.True(Has(Row(page, mine.Seq), "cancel-button"));
        Assert.Null(Row(page, mine.Seq).GetAttribute("data-deleted"));
        ClickAction(page, mine.Seq, "confirm-button");

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
