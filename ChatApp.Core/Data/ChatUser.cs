using ChatApp.Core.Presence;
using Microsoft.AspNetCore.Identity;

namespace ChatApp.Core.Data;

public sealed class ChatUser : IdentityUser
{
    public const int DisplayNameMinLength = 2;
    public const int DisplayNameMaxLength = 32;

    public string DisplayName { get; set; } = "";

    /// <summary><see cref="DisplayNames.Key"/> of the display name: unique, so look-alike names cannot both exist.</summary>
    public string DisplayNameKey { get; set; } = "";

    /// <summary>When the user was last seen online by others; null if never (or only ever invisible).</summary>
    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>The status the user chose (busy, away, invisible); null means online.</summary>
    public PresenceStatus? ChosenStatus { get; set; }

    /// <summary>Why an administrator locked the account; shown when its owner tries to sign in.</summary>
    public string? LockReason { get; set; }
}
