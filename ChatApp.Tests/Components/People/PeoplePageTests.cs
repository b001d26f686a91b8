using Bunit;
using ChatApp.Core.People;
using ChatApp.Web.Components.Pages.People;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ChatApp.Tests.Components.People;

public sealed class PeoplePageTests : ChatComponentTest
{
    [Fact]
    public async Task ARefusedStarTellsThePersonAndShowsWhatIsSaved()
    {
        var page = Render<PeoplePage>();
        var star = page.WaitForElement("[data-testid=watch-toggle][data-user=Bob]");
        Assert.Equal("false", star.GetAttribute("aria-pressed"));
        // Another tab of Alice's used up her star changes, the last one starring Bob.
        var people = Services.GetRequiredService<PeopleService>();
        for (var i = 0; i < PeopleService.WatchChangesPerMinute; i++)
        {
            Assert.Null(await people.SetWatchedAsync(Alice.Id, Bob.Id, watched: i % 2 == 1));
        }

        await page.Find("[data-testid=watch-toggle][data-user=Bob]").ClickAsync(new());

        page.WaitForAssertion(() =>
            Assert.Equal("true", page.Find("[data-testid=watch-toggle][data-user=Bob]").GetAttribute("aria-pressed")));
        var shown = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal(Severity.Error, shown.Severity);
    }
}
