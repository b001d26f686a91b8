using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Content;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// The <c>@</c> autocomplete: the browser reports the word being typed after an '@' (only while there is one, and
/// only when it changes), the server answers with the people of the room who match, those present first; a click, or
/// Enter or Tab in the box (the browser clicks the highlighted entry), puts <c>@Name </c> in place of the word.
/// </summary>
public sealed partial class Composer
{
    private IReadOnlyList<MentionSuggestion> suggestions = [];
    private string? mentionQuery;

    /// <summary>The room the box writes to: whose people are suggested. Without it there is no autocomplete.</summary>
    [Parameter]
    public RoomAccess? Access { get; set; }

    /// <summary>What follows the '@' before the caret, or null when the caret is not in a mention.</summary>
    [JSInvokable]
    public async Task OnMentionQuery(string? query)
    {
        mentionQuery = query;
        IReadOnlyList<MentionSuggestion> found = query is null || Access is null ? [] : await mentions.SuggestAsync(Access, query);
        if (!ReferenceEquals(mentionQuery, query))
        {
            // A newer query was asked meanwhile: its answer is the one to show.
            return;
        }
        if (found.Count == 0 && suggestions.Count == 0)
        {
            return;
        }
        suggestions = found;
        StateHasChanged();
    }

    private async Task PickAsync(MentionSuggestion suggestion)
    {
        suggestions = [];
        mentionQuery = null;
        if (module is null)
        {
            return;
        }
        try
        {
            await module.InvokeVoidAsync("insertMention", box, suggestion.DisplayName);
        }
        catch (Exception ex) when (BrowserCalls.TabIsGone(ex))
        {
            // The tab is gone: there is no box to write into.
        }
    }
}
