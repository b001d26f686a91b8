namespace ChatApp.Core.Chat;

public sealed class Room
{
    public const int NameMaxLength = 50;
    public const int SlugMaxLength = 60;
    public const int TopicMaxLength = 200;
    public const string LobbySlug = "lobby";

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Topic { get; set; } = "";
    public bool IsPrivate { get; set; }
    public bool IsArchived { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A direct conversation between two people: private to them, never readable by administrators.</summary>
    public bool IsDirect { get; set; }

    /// <summary>For a direct conversation, the two user ids in ordinal order joined by '|': unique, so a pair has one.</summary>
    public string? DirectKey { get; set; }
}
