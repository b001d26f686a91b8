namespace ChatApp.Core.Accounts;

/// <summary>The most common passwords (common-passwords.txt, embedded), the ones attackers try first.</summary>
public static class CommonPasswords
{
    private const string ResourceName = "ChatApp.Core.Accounts.common-passwords.txt";

    private static readonly Lazy<HashSet<string>> Set = new(Load);

    public static int Count => Set.Value.Count;

    public static bool Contains(string password) => Set.Value.Contains(password);

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded list '{ResourceName}' is missing from {typeof(CommonPasswords).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line);
            }
        }
        return set;
    }
}
