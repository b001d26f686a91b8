using Bunit;
using Bunit.TestDoubles;
using ChatApp.Core.Chat.Direct;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Components.Pages.Direct;
using ChatApp.Web.Components.Pages.People;
using ChatApp.Web.Components.Presence;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Direct;

/// <summary>Where a conversation starts: a person's row on /people or in a room's online list, then the start page.</summary>
public sealed class DirectStartTests : ChatComponentTest
{
    private BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    [Fact]
    public void EveryPersonOnThePeoplePageHasALinkThatStartsAConversationWithThem()
    {
        var page = Render<PeoplePage>();

        var bob = page.WaitForElement("[data-testid=dm-start][data-user=Bob]");

        Assert.Equal(DirectLinks.Start(Bob.Id), bob.GetAttribute("href"));
        Assert.Equal(DirectLinks.Start(Alice.Id), page.Find("[data-testid=dm-start][data-user=Alice]").GetAttribute("href"));
    }

    [Fact]
    public void EveryoneInTheOnlineListHasALinkThatStartsAConversationWithThem()
    {
        Presence.Track(RoomPresenceService.RoomTopic(Lobby.Id), Bob.Id, "bob-tab", new PresenceInfo("Bob & co"));
        var shown = Presence.List(RoomPresenceService.RoomTopic(Lobby.Id), Alice.Id).Get(Bob.Id)!;

        var row = Render(builder => builder.AddMarkupContent(0, OnlineRow.Of(shown).Html.Value));

        var link = row.Find("[data-testid=dm-start]");
        Assert.Equal("Bob & co", link.GetAttribute("data-user"));
        Assert.Equal(DirectLinks.Start(Bob.Id), link.GetAttribute("href"));
    }

    [Fact]
    public async Task TheStartPageOpensTheConversationInPlaceOfItself()
    {
        Navigation.NavigateTo(DirectLinks.Start(Bob.Id));

        Render<DirectStartPage>(p => p.Add(x => x.UserId, Bob.Id));

        var conversation = Assert.Single(await Services.GetRequiredService<DirectMessages>().ListAsync(Alice.Id));
        Assert.Equal("Bob", conversation.PeerName);
        Assert.Equal(Navigation.ToAbsoluteUri("rooms/" + conversation.Slug).AbsoluteUri, Navigation.Uri);
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
    }

    [Fact]
    public async Task StartingAConversationWithALockedAccountSaysWhyAndGoesNowhere()
    {
        await ChatTestServices.LockAsync(Services, Bob);
        Navigation.NavigateTo(DirectLinks.Start(Bob.Id));

        var page = Render<DirectStartPage>(p => p.Add(x => x.UserId, Bob.Id));

        page.WaitForAssertion(() => Assert.Contains("locked", page.Find("[data-testid=error-message]").TextContent));
        Assert.EndsWith(DirectLinks.Start(Bob.Id), Navigation.Uri);
        Assert.Empty(await Services.GetRequiredService<DirectMessages>().ListAsync(Alice.Id));
    }
}
