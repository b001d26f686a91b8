namespace ChatApp.Core.Chat;

public sealed partial class ChatService
{
    private static readonly ChatError Restarting = new(ChatErrorKind.Unavailable,
        "ChatApp is restarting: your message was not sent. Send it again in a moment.");

    /// <summary>
    /// Saves the message and only then announces it. Sending the same <paramref name="clientMessageId"/>
    /// again returns the stored message without saving or announcing it twice. While the app stops (see
    /// <see cref="InFlightSends"/>) a send already under way is finished and a new one is refused with a clear error.
    /// </summary>
    public async Task<ChatResult<MessageView>> SendAsync(
        string userId, int roomId, Guid clientMessageId, string? text, CancellationToken ct = default)
    {
        if (!inFlight.TryEnter())
        {
            return Restarting;
        }
        try
        {
            return await SendOnceAsync(userId, roomId, clientMessageId, text, ct);
        }
        finally
        {
            inFlight.Exit();
        }
    }
}
