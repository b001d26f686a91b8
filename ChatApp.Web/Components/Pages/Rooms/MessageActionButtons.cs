namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>What a viewer may do to a message row, shown as its action buttons.</summary>
[Flags]
public enum RowActions
{
    None = 0,
    Edit = 1,
    Delete = 2,
}

/// <summary>
/// The action buttons of a message row as markup, one string per set of actions shared by every row and tab: a click
/// reaches the list's one handler as a <see cref="MessageActionEventArgs"/> naming the <c>data-message-action</c>.
/// MudButton's look without the component (the list renders for every message in every tab).
/// </summary>
public static class MessageActionButtons
{
    public const string Edit = "edit";
    public const string Delete = "delete";
    public const string ConfirmDelete = "confirm-delete";
    public const string KeepMessage = "keep";

    private const string TextButton = "mud-button-root mud-button mud-button-text mud-button-text-default mud-button-text-size-small mud-ripple";
    private const string DangerButton = "mud-button-root mud-button mud-button-text mud-button-text-error mud-button-text-size-small mud-ripple";

    private static readonly string[] Sets =
    [
        "",
        Bar(Button(TextButton, "message-edit", Edit, "Edit")),
        Bar(Button(TextButton, "message-delete", Delete, "Delete")),
        Bar(Button(TextButton, "message-edit", Edit, "Edit") + Button(TextButton, "message-delete", Delete, "Delete")),
    ];

    /// <summary>The question before a deletion, in place of the buttons.</summary>
    public static readonly string DeleteQuestion = Bar(
        "<span class=\"message-confirm\">Delete this message for everyone?</span>" +
        Button(DangerButton, "confirm-button", ConfirmDelete, "Delete") +
        Button(TextButton, "cancel-button", KeepMessage, "Cancel"));

    public static string Markup(RowActions actions) => Sets[(int)actions & 3];

    private static string Bar(string buttons) => $"<div class=\"message-actions\">{buttons}</div>";

    private static string Button(string css, string testId, string action, string label) =>
        $"<button type=\"button\" class=\"{css}\" data-testid=\"{testId}\" data-message-action=\"{action}\"><span class=\"mud-button-label\">{label}</span></button>";
}
