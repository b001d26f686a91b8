using System.Text;
using System.Text.RegularExpressions;
using ChatApp.Core.Chat;

namespace ChatApp.Core.Admin;

public static partial class RoomRules
{
    public const int NameMinLength = 2;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    /// <summary>"Team Updates!" becomes "team-updates": lower case letters and digits joined by single dashes.</summary>
    public static string SlugFrom(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var result = slug.ToString().Trim('-');
        return result.Length > Room.SlugMaxLength ? result[..Room.SlugMaxLength].Trim('-') : result;
    }

    public static ChatError? Validate(string name, string slug, string topic)
    {
        if (name.Length is < NameMinLength or > Room.NameMaxLength)
        {
            return Invalid($"A room name must be {NameMinLength} to {Room.NameMaxLength} characters long.");
        }
        if (topic.Length > Room.TopicMaxLength)
        {
            return Invalid($"A topic can be at most {Room.TopicMaxLength} characters long.");
        }
        if (slug.Length is 0 or > Room.SlugMaxLength || !SlugPattern().IsMatch(slug))
        {
            return Invalid("The address may use lower-case letters, digits and single dashes (like team-updates), at most 60 characters.");
        }
        return null;
    }

    private static ChatError Invalid(string message) => new(ChatErrorKind.Invalid, message);
}
