namespace ChatApp.Web.Circuits;

public static class AvatarColors
{
    private static readonly string[] Palette =
        ["#e53935", "#8e24aa", "#3949ab", "#039be5", "#00897b", "#7cb342", "#fb8c00", "#6d4c41", "#546e7a", "#d81b60"];

    /// <summary>The same colour for a user everywhere and on every start (string.GetHashCode is randomised per process).</summary>
    public static string For(string userId)
    {
        var hash = 17u;
        foreach (var c in userId)
        {
            hash = unchecked(hash * 31 + c);
        }
        return Palette[hash % (uint)Palette.Length];
    }
}
