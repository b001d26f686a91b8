using Bunit;
using ChatApp.Core.Admin;
using ChatApp.Web.Components.Pages.Admin;

namespace ChatApp.Tests.Components.Admin;

public sealed class AdminRoomMembersTests : AdminComponentTest
{
    private async Task<IRenderedComponent<AdminRoomMembers>> RenderMembersAsync()
    {
        await MakeAliceAdminAsync();
        await RoomAdmin.CreateRoomAsync(Alice.Id, new RoomDraft("Secret", null, "", IsPrivate: true));
        var page = Render<AdminRoomMembers>(p => p.Add(x => x.Slug, "secret"));
        page.WaitForState(() => page.FindAll("[data-testid=member-add-input]").Count > 0);
        return page;
    }

    private static string[] Members(IRenderedComponent<AdminRoomMembers> page) =>
        page.FindAll("[data-testid=member]").Select(m => m.GetAttribute("data-user")!).ToArray();

    [Fact]
    public async Task AddingByDisplayNameOrEmailListsTheMember()
    {
        var page = await RenderMembersAsync();

        page.Find("input[data-testid=member-add-input]").Input("bob");
        page.Find("[data-testid=member-add-submit]").Click();
        page.WaitForAssertion(() => Assert.Equal(["Bob"], Members(page)));

        page.Find("input[data-testid=member-add-input]").Input("alice@example.test");
        page.Find("[data-testid=member-add-submit]").Click();
        page.WaitForAssertion(() => Assert.Equal(["Alice", "Bob"], Members(page)));
    }

    [Fact]
    public async Task UnknownPersonShowsAnError()
    {
        var page = await RenderMembersAsync();

        page.Find("input[data-testid=member-add-input]").Input("nobody at all");
        page.Find("[data-testid=member-add-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("Nobody has the email or display name", page.Find("[data-testid=error-message]").TextContent));
        Assert.Empty(Members(page));
    }

    [Fact]
    public async Task RemovingAMemberTakesThemOffTheList()
    {
        var page = await RenderMembersAsync();
        page.Find("input[data-testid=member-add-input]").Input("Bob");
        page.Find("[data-testid=member-add-submit]").Click();
        page.WaitForAssertion(() => Assert.Equal(["Bob"], Members(page)));

        page.Find("[data-testid=member][data-user=Bob] [data-testid=member-remove]").Click();

        page.WaitForAssertion(() => Assert.Empty(Members(page)));
    }

    [Fact]
    public async Task UnknownRoomShowsNotFound()
    {
        await MakeAliceAdminAsync();

        var page = Render<AdminRoomMembers>(p => p.Add(x => x.Slug, "nowhere"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=not-found]")));
    }
}
