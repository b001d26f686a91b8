using ChatApp.Core.Data;

namespace ChatApp.Core.Chat.Content;

/// <summary>
/// Where typed text may mention someone: each '@' that starts a word (not in code or a link, not inside an email
/// address), with every stretch after it that could be a display name (names may contain spaces, so "@Ann Lee" may be
/// "Ann" or "Ann Lee"), by their uniqueness keys, so a mention matches a name however it is cased.
/// </summary>
internal static class MentionFinder
{
    /// <summary>Enough for any real message; a text of thousands of '@' is not looked at past this.</summary>
    private const int MaxCandidates = 50;

    public static IReadOnlyList<Candidate> Find(string text)
    {
        var candidates = new List<Candidate>();
        List<(int Start, int End)>? excluded = null;
        for (var at = text.IndexOf('@'); at >= 0 && candidates.Count < MaxCandidates; at = text.IndexOf('@', at + 1))
        {
            if (at > 0 && char.IsLetterOrDigit(text[at - 1]))
            {
                continue;
            }
            excluded ??= [.. MessageMarkdown.CodeAndLinks(text)];
            if (excluded.Any(s => at >= s.Start && at <= s.End))
            {
                continue;
            }
            if (string.Compare(text, at + 1, "here", 0, 4, StringComparison.OrdinalIgnoreCase) == 0 && EndsWord(text, at + 5))
            {
                candidates.Add(new Candidate(at, true, []));
                continue;
            }
            var names = new List<(string Key, int Length)>();
            for (var end = at + 2; end <= Math.Min(text.Length, at + 1 + ChatUser.DisplayNameMaxLength); end++)
            {
                var c = text[end - 1];
                if (c is '\n' or '\r' or '@' || (end == at + 2 && char.IsWhiteSpace(c)))
                {
                    break;
                }
                if (!char.IsWhiteSpace(c) && EndsWord(text, end))
                {
                    names.Add((DisplayNames.Key(text[(at + 1)..end]), end - at));
                }
            }
            if (names.Count > 0)
            {
                candidates.Add(new Candidate(at, false, names));
            }
        }
        return candidates;
    }

    private static bool EndsWord(string text, int end) => end >= text.Length || !char.IsLetterOrDigit(text[end]);

    /// <param name="At">Where the '@' is.</param>
    /// <param name="Names">Each possible name after it: its key, and the length from the '@' to its end.</param>
    internal sealed record Candidate(int At, bool IsHere, IReadOnlyList<(string Key, int Length)> Names)
    {
        public IEnumerable<string> Keys => Names.Select(n => n.Key);

        public (int Length, string UserId)? Longest(IReadOnlyDictionary<string, Person> people)
        {
            for (var i = Names.Count - 1; i >= 0; i--)
            {
                if (people.TryGetValue(Names[i].Key, out var person))
                {
                    return (Names[i].Length, person.UserId);
                }
            }
            return null;
        }
    }
}
