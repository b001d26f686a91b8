using Bunit;
using ChatApp.Core.Chat;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Components.Pages.Rooms;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>The message box: what it lets in, and what it sends to the server and when.</summary>
public sealed class ComposerTests : ChatComponentTest
{
    private IRenderedComponent<RoomView> RenderLobby()
    {
        var page = Render<RoomView>(p => p.Add(x => x.Slug, Room.LobbySlug));
        page.WaitForState(() => page.FindAll("textarea[data-testid=message-input]").Count > 0);
        return page;
    }

    [Fact]
    public void TheBoxStopsAtTheConfiguredMaximumLength()
    {
        Chat.Options.MaxMessageLength = 120;

        var page = RenderLobby();

        Assert.Equal("120", page.Find("textarea[data-testid=message-input]").GetAttribute("maxlength"));
    }

    [Fact]
    public async Task AMessageExactlyAtTheLimitIsSentAndThePersonIsToldTheBoxIsFull()
    {
        Chat.Options.MaxMessageLength = 120;
        var page = RenderLobby();
        var full = new string('x', 119) + "!";

        page.Find("textarea[data-testid=message-input]").Change(full);

        Assert.Contains("at most 120 characters", page.Find("[data-testid=message-limit]").TextContent);
        page.Find("[data-testid=send-button]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=message]")));
        Assert.Equal([full], (await ChatService.GetHistoryAsync(Bob.Id, Lobby.Id)).Value!.Messages.Select(m => m.Text));
        Assert.Empty(page.FindAll("[data-testid=message-limit]"));
        Assert.Equal("", page.Find("textarea[data-testid=message-input]").GetAttribute("value") ?? "");
    }

    [Fact]
    public void TheBrowserReportingAFullBoxShowsTheLimitUntilTextIsRemoved()
    {
        var page = RenderLobby();
        var composer = page.FindComponent<Composer>();

        composer.InvokeAsync(() => composer.Instance.OnDraftInput(Chat.Options.MaxMessageLength));
        page.WaitForAssertion(() => Assert.Contains("at most 4,000 characters", page.Find("[data-testid=message-limit]").TextContent));

        composer.InvokeAsync(() => composer.Instance.OnDraftInput(Chat.Options.MaxMessageLength - 10));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=message-limit]")));
    }

    [Fact]
    public void TheDraftIsNotSentToTheServerOnEveryKeystroke()
    {
        var page = RenderLobby();

        var box = page.Find("textarea[data-testid=message-input]");

        // No input handler: the text travels with a change (a send, or leaving the box), never per keystroke.
        Assert.Null(box.GetAttribute("blazor:oninput"));
        Assert.NotNull(box.GetAttribute("blazor:onchange"));
    }

    [Fact]
    public async Task TypingIsSignalledAtMostOncePerThrottleInterval()
    {
        var signals = new List<bool>();
        var composer = Render<Composer>(p => p
            .Add(x => x.Placeholder, "Message")
            .Add(x => x.Send, _ => Task.FromResult(true))
            .Add(x => x.TypingChanged, typing => { signals.Add(typing); return Task.CompletedTask; }));

        for (var length = 1; length <= 20; length++)
        {
            await composer.InvokeAsync(() => composer.Instance.OnDraftInput(length));
        }
        Assert.Equal([true], signals);

        Chat.Time.Advance(Chat.Typing.Throttle);
        await composer.InvokeAsync(() => composer.Instance.OnDraftInput(21));
        await composer.InvokeAsync(() => composer.Instance.OnDraftInput(0));

        Assert.Equal([true, true, false], signals);
    }

    [Fact]
    public void TheBrowserIsToldToThrottleTypingSignalsToo()
    {
        var module = JSInterop.SetupModule("./Components/Pages/Rooms/Composer.razor.js");
        module.SetupVoid("enableComposer", _ => true).SetVoidResult();

        Render<Composer>(p => p
            .Add(x => x.Placeholder, "Message")
            .Add(x => x.Send, _ => Task.FromResult(true)));

        var wiring = module.VerifyInvoke("enableComposer");
        Assert.Equal((int)Chat.Typing.Throttle.TotalMilliseconds, wiring.Arguments[2]);
    }
}
