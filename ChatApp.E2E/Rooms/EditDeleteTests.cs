using ChatApp.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Rooms;

/// <summary>Editing and deleting messages, as two people and an administrator see it in their browsers.</summary>
[Collection(AppCollection.Name)]
public sealed class EditDeleteTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private static string Marker() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>Sends and returns the message's number, the row's lasting name (its text may go).</summary>
    private static async Task<string> SendAsync(IPage page, string text)
    {
        await page.MessageInput().FillAsync(text);
        await page.MessageInput().PressAsync("Enter");
        var row = page.Messages().Filter(new() { HasText = text });
        await Expect(row).ToHaveCountAsync(1);
        return (await row.GetAttributeAsync("data-message-id"))!;
    }

    private static ILocator Row(IPage page, string seq) => page.Locator($"[data-testid=message][data-message-id='{seq}']");

    [Fact]
    public async Task AnEditAndADeletionShowLiveInTheOtherPersonsTab()
    {
        var (alicePage, bobPage, _, _) = await App.TwoInTheLobbyAsync();
        var marker = Marker();
        var edited = await SendAsync(alicePage, $"helo {marker}");
        await Expect(Row(bobPage, edited)).ToContainTextAsync($"helo {marker}");
        // Bob has no action on Alice's message.
        await Expect(Row(bobPage, edited).GetByTestId("message-edit")).ToHaveCountAsync(0);
        await Expect(Row(bobPage, edited).GetByTestId("message-delete")).ToHaveCountAsync(0);

        await Row(alicePage, edited).GetByTestId("message-edit").ClickAsync();
        var box = Row(alicePage, edited).GetByTestId("message-edit-input");
        await Expect(box).ToHaveValueAsync($"helo {marker}");
        // The box's script puts the caret at the end once it is ready; typing before that can land anywhere (a fill
        // between its select-all and its typing was appended to the old text).
        await Expect(box).ToHaveAttributeAsync("data-editor-enabled", "true");
        await box.FillAsync($"hello {marker}");
        await box.PressAsync("Shift+Enter");
        await box.PressSequentiallyAsync("second line");
        await box.PressAsync("Enter");

        await Expect(Row(bobPage, edited)).ToHaveAttributeAsync("data-edited", "true");
        await Expect(Row(bobPage, edited).GetByTestId("message-text")).ToHaveTextAsync($"hello {marker}\nsecond line");
        await Expect(Row(bobPage, edited)).ToContainTextAsync("(edited)");
        await Expect(Row(alicePage, edited).GetByTestId("message-edit-input")).ToHaveCountAsync(0);

        // Escape leaves the message as it was.
        await Row(alicePage, edited).GetByTestId("message-edit").ClickAsync();
        await Expect(Row(alicePage, edited).GetByTestId("message-edit-input")).ToHaveAttributeAsync("data-editor-enabled", "true");
        await Row(alicePage, edited).GetByTestId("message-edit-input").FillAsync("never saved");
        await Row(alicePage, edited).GetByTestId("message-edit-input").PressAsync("Escape");
        await Expect(Row(alicePage, edited).GetByTestId("message-edit-input")).ToHaveCountAsync(0);
        await Expect(Row(alicePage, edited).GetByTestId("message-text")).ToHaveTextAsync($"hello {marker}\nsecond line");

        var deleted = await SendAsync(alicePage, $"regrettable {marker}");
        await Expect(Row(bobPage, deleted)).ToContainTextAsync("regrettable");
        await Row(alicePage, deleted).GetByTestId("message-delete").ClickAsync();
        await Row(alicePage, deleted).GetByTestId("confirm-button").ClickAsync();

        await Expect(Row(bobPage, deleted)).ToHaveAttributeAsync("data-deleted", "true");
        await Expect(Row(bobPage, deleted)).ToContainTextAsync("message deleted");
        await Expect(Row(bobPage, deleted)).Not.ToContainTextAsync("regrettable");
        await Expect(Row(alicePage, deleted)).ToHaveAttributeAsync("data-deleted", "true");
        await Expect(Row(alicePage, deleted).GetByTestId("message-delete")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnAdministratorDeletesSomeoneElsesMessageAndItIsGoneForEveryone()
    {
        var (alicePage, bobPage, _, _) = await App.TwoInTheLobbyAsync();
        var marker = Marker();
        var seq = await SendAsync(alicePage, $"spam {marker}");
        var admin = await App.NewPersonAsync();
        await admin.SignInAsync(KestrelAppFactory.Admin);
        await admin.OpenRoomAsync("lobby");
        await Expect(Row(admin, seq)).ToContainTextAsync($"spam {marker}");
        // An administrator may delete it, not edit it.
        await Expect(Row(admin, seq).GetByTestId("message-edit")).ToHaveCountAsync(0);

        await Row(admin, seq).GetByTestId("message-delete").ClickAsync();
        await Row(admin, seq).GetByTestId("confirm-button").ClickAsync();

        await Expect(Row(bobPage, seq)).ToHaveAttributeAsync("data-deleted", "true");
        await Expect(Row(alicePage, seq)).ToHaveAttributeAsync("data-deleted", "true");
        await Expect(Row(alicePage, seq)).Not.ToContainTextAsync("spam");
        // Opened afresh, the room shows the placeholder too.
        await bobPage.ReloadAsync();
        await Expect(Row(bobPage, seq)).ToHaveAttributeAsync("data-deleted", "true");
        // The audit log says who deleted which message where, and not what it said.
        await admin.GotoAsync("/admin/audit");
        var entry = admin.Locator("[data-testid=audit-entry][data-action='message.delete']").Filter(new() { HasText = $"message #{seq} by" });
        await Expect(entry.First).ToBeVisibleAsync();
        await Expect(entry.First).Not.ToContainTextAsync(marker);
    }
}
