using Bunit;
using ChatApp.Core.Chat.Content;
using ChatApp.Core.Events;
using ChatApp.Web.Components.Mentions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Mentions;

/// <summary>The toast a mention makes in the mentioned person's tabs that do not show its room.</summary>
public sealed class MentionToastsTests : ChatComponentTest
{
    private MentionNotice ToAlice(string slug = "lobby") => new(Alice.Id, Lobby.Id, slug, "Lobby", 7, "Bob", Here: false);

    [Fact]
    public void MentionShowsAToastInATabElsewhere()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/people");
        var toasts = Render<MentionToasts>();

        Events.Publish(EventKey.User(Alice.Id), ToAlice());

        toasts.WaitForAssertion(() =>
        {
            var toast = toasts.Find("[data-testid=presence-toast][data-kind=mention]");
            Assert.Equal("Bob", toast.GetAttribute("data-user"));
            Assert.Contains("Bob mentioned you in", toast.TextContent);
        });
    }

    [Fact]
    public void NoToastInATabShowingThatRoomNorForSomeoneElsesMention()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/rooms/lobby");
        var toasts = Render<MentionToasts>();

        Events.Publish(EventKey.User(Alice.Id), ToAlice());
        Events.Publish(EventKey.User(Bob.Id), ToAlice() with { UserId = Bob.Id, RoomSlug = "elsewhere" });
        // A third notice that does toast, so the test knows the first two were handled.
        Events.Publish(EventKey.User(Alice.Id), ToAlice("other") with { AuthorName = "Carol" });

        toasts.WaitForAssertion(() => Assert.Single(toasts.FindAll("[data-testid=presence-toast]")));
        Assert.Equal("Carol", toasts.Find("[data-testid=presence-toast]").GetAttribute("data-user"));
    }
}
