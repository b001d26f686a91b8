namespace ChatApp.Core.Chat;

/// <summary>Bound from the <c>Chat</c> configuration section.</summary>
public sealed class ChatOptions
{
    public const string SectionName = "Chat";

    public int MaxMessageLength { get; set; } = MessageRules.MaxLength;
    public int HistoryPageSize { get; set; } = 50;

    /// <summary>How many messages one user may send within <see cref="SendLimitWindow"/>, across all of their tabs.</summary>
    public int SendLimitCount { get; set; } = 10;
    public TimeSpan SendLimitWindow { get; set; } = TimeSpan.FromSeconds(10);
}
