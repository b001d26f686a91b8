using System.Net;
using System.Text.Json;

namespace ChatApp.LoadTest.Client;

/// <summary>
/// The run's people and their sign-in cookies, kept in a file between runs against the same database
/// (<c>--reuse-users FILE</c>): a rerun reuses the names and the cookies instead of a password hash per person on the
/// server (about 0.1-0.2 s of server CPU each, minutes for thousands of people).
/// </summary>
public sealed record SavedAccounts(string Prefix, Dictionary<string, List<SavedCookie>> Cookies)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The file's accounts, or null when there is no file yet.</summary>
    public static SavedAccounts? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<SavedAccounts>(File.ReadAllText(path), Json)
                ?? throw new LoadTestException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new LoadTestException($"{path} is not a saved accounts file ({e.Message}); delete it to register afresh.");
        }
    }

    public static void Save(string path, string prefix, IEnumerable<UserAccount> users)
    {
        var cookies = users.ToDictionary(u => u.Email, u => u.Cookies.GetAllCookies()
            .Select(c => new SavedCookie(c.Name, c.Value, c.Path, c.Domain)).ToList());
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new SavedAccounts(prefix, cookies), Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Puts the saved cookies of <paramref name="user"/> in its jar; false when none were saved.</summary>
    public bool Restore(UserAccount user)
    {
        if (!Cookies.TryGetValue(user.Email, out var saved) || saved.Count == 0)
        {
            return false;
        }
        foreach (var c in saved)
        {
            user.Cookies.Add(new Cookie(c.Name, c.Value, c.Path, c.Domain));
        }
        return true;
    }
}

public sealed record SavedCookie(string Name, string Value, string Path, string Domain);
