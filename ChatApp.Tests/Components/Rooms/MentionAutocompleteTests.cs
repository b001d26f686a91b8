using Bunit;
using ChatApp.Core.Chat;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Components.Pages.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>The composer's <c>@</c> autocomplete: who it offers, in which order, and what a pick does.</summary>
public sealed class MentionAutocompleteTests : ChatComponentTest
{
    private BunitJSModuleInterop module = default!;

    private IRenderedComponent<RoomView> RenderRoom(string slug = Room.LobbySlug)
    {
        module = JSInterop.SetupModule("./Components/Pages/Rooms/Composer.razor.js");
        module.Mode = JSRuntimeMode.Loose;
        var page = Render<RoomView>(p => p.Add(x => x.Slug, slug));
        page.WaitForState(() => page.FindAll("textarea[data-testid=message-input]").Count > 0);
        return page;
    }

    private static Task TypeAsync(IRenderedComponent<RoomView> page, string? query) =>
        page.InvokeAsync(() => page.FindComponent<Composer>().Instance.OnMentionQuery(query));

    private static string[] Suggested(IRenderedComponent<RoomView> page) =>
        [.. page.FindAll("[data-testid=mention-suggestion]").Select(e => e.GetAttribute("data-user")!)];

    [Fact]
    public async Task TypingAfterAtSuggestsMatchingPeoplePresentOnesFirst()
    {
        var bonnie = await ChatTestServices.CreateUserAsync(Services, "Bonnie");
        await ChatTestServices.CreateUserAsync(Services, "Carol");
        Services.GetRequiredService<PresenceTracker>()
            .Track(RoomPresenceService.RoomTopic(Lobby.Id), bonnie.Id, "bonnie-tab", new PresenceInfo("Bonnie"));
        var page = RenderRoom();

        await TypeAsync(page, "bo");

        page.WaitForAssertion(() => Assert.Equal(["Bonnie", "Bob"], Suggested(page)));
    }

    [Fact]
    public async Task TheAuthorIsNotSuggestedAndTheListClosesWhenTheMentionEnds()
    {
        var page = RenderRoom();

        await TypeAsync(page, "");
        page.WaitForAssertion(() => Assert.Equal(["Bob"], Suggested(page)));

        await TypeAsync(page, null);
        page.WaitForAssertion(() => Assert.Empty(Suggested(page)));
    }

    [Fact]
    public async Task InAPrivateRoomOnlyMembersAreSuggested()
    {
        var secret = await ChatTestServices.CreateRoomAsync(Services, "secret", isPrivate: true);
        await ChatTestServices.AddMemberAsync(Services, secret, Alice);
        var bea = await ChatTestServices.CreateUserAsync(Services, "Bea");
        await ChatTestServices.AddMemberAsync(Services, secret, bea);
        var page = RenderRoom("secret");

        await TypeAsync(page, "b");

        page.WaitForAssertion(() => Assert.Equal(["Bea"], Suggested(page)));
    }

    [Fact]
    public async Task PickingASuggestionPutsTheNameInTheBoxAndClosesTheList()
    {
        var page = RenderRoom();
        await TypeAsync(page, "B");
        page.WaitForAssertion(() => Assert.Single(Suggested(page)));

        page.Find("[data-testid=mention-suggestion]").Click();

        page.WaitForAssertion(() => Assert.Empty(Suggested(page)));
        var call = Assert.Single(module.Invocations, i => i.Identifier == "insertMention");
        Assert.Equal("Bob", call.Arguments[1]);
    }
}
