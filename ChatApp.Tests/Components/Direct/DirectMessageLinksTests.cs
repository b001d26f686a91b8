using Bunit;
using ChatApp.Core.Chat.Direct;
using ChatApp.Web.Components.Layout;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Direct;

/// <summary>The drawer's "Direct messages": a link per conversation, by the other person's name, live.</summary>
public sealed class DirectMessageLinksTests : ChatComponentTest
{
    private DirectMessages Direct => Services.GetRequiredService<DirectMessages>();

    private async Task<DirectConversation> StartAsync(string from, string to) => (await Direct.StartAsync(from, to)).Value!;

    [Fact]
    public async Task ListsEachConversationByTheOtherPersonsNameAndLinksToIt()
    {
        var withBob = await StartAsync(Alice.Id, Bob.Id);

        var links = Render<DirectMessageLinks>();

        links.WaitForAssertion(() => Assert.Single(links.FindAll("[data-testid=dm-link]")));
        var link = links.Find("[data-testid=dm-link]");
        Assert.Equal("Bob", link.GetAttribute("data-user"));
        Assert.Equal("rooms/" + withBob.Slug, link.GetAttribute("href"));
        Assert.Equal("Bob", link.TextContent.Trim());
        Assert.Empty(links.FindAll("[data-testid=dm-empty]"));
    }

    [Fact]
    public async Task AConversationSomeoneStartsWithYouAppearsWhileYouLook()
    {
        var carol = await Infrastructure.ChatTestServices.CreateUserAsync(Services, "Carol");
        var links = Render<DirectMessageLinks>();
        links.WaitForElement("[data-testid=dm-empty]");

        await StartAsync(Bob.Id, Alice.Id);
        links.WaitForAssertion(() => Assert.Equal(["Bob"], links.FindAll("[data-testid=dm-link]").Select(l => l.GetAttribute("data-user"))));

        // Someone writing to someone else does not show here.
        await StartAsync(carol.Id, Bob.Id);
        await StartAsync(carol.Id, Alice.Id);
        links.WaitForAssertion(() => Assert.Equal(["Bob", "Carol"], links.FindAll("[data-testid=dm-link]").Select(l => l.GetAttribute("data-user"))));
    }

    [Fact]
    public async Task TheOpenConversationIsMarkedAsTheCurrentPage()
    {
        var withBob = await StartAsync(Alice.Id, Bob.Id);

        var links = Render<DirectMessageLinks>(p => p.Add(x => x.Path, "rooms/" + withBob.Slug));

        links.WaitForAssertion(() => Assert.Equal("page", links.Find("[data-testid=dm-link]").GetAttribute("aria-current")));
        links.Render(p => p.Add(x => x.Path, "rooms/lobby"));
        Assert.False(links.Find("[data-testid=dm-link]").HasAttribute("aria-current"));
    }
}
