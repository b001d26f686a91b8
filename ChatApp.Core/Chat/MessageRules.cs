namespace ChatApp.Core.Chat;

public static class MessageRules
{
    public const int MaxLength = 4000;

    /// <summary>Trims the text and checks its length; returns the text to store or why it is refused.</summary>
    public static (string? Text, ChatError? Error) Normalize(string? raw, int maxLength)
    {
        var text = raw?.Trim() ?? "";
        if (!text.Any(IsVisible))
        {
            return (null, new ChatError(ChatErrorKind.Empty, "A message cannot be empty."));
        }
        if (text.Length > maxLength)
        {
            return (null, new ChatError(ChatErrorKind.TooLong,
                $"A message can be at most {maxLength:N0} characters; this one has {text.Length:N0}."));
        }
        return (text, null);
    }

    // A message of nothing but zero-width, control or blank characters would show as a blank line from its author.
    private static bool IsVisible(char c) => !char.IsWhiteSpace(c) && !Data.DisplayNames.ShowsNothing(c);
}
