namespace ChatApp.Core.Typing;

/// <summary>Bound from the <c>Typing</c> configuration section.</summary>
public sealed class TypingOptions
{
    public const string SectionName = "Typing";

    /// <summary>How long someone shows as typing after their last keystroke signal.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>At most one signal per user and room in this time; later ones only keep the indicator alive.</summary>
    public TimeSpan Throttle { get; set; } = TimeSpan.FromSeconds(2);
}
