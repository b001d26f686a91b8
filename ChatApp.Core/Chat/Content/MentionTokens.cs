using System.Net;
using System.Text.RegularExpressions;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax.Inlines;

namespace ChatApp.Core.Chat.Content;

/// <summary>
/// How a mention is stored: <c>&lt;@userId&gt;</c> for a person (Discord's way: the id, so a rename shows the new
/// name), <c>&lt;!here&gt;</c> for everyone present. What a person types that looks like a token is stored escaped
/// (<c>&lt;\@</c>, <c>&lt;\!here&gt;</c>: Markdown shows it as typed), so only the server makes tokens.
/// </summary>
public static partial class MentionTokens
{
    public const string Here = "<!here>";

    public static string Person(string userId) => $"<@{userId}>";

    /// <summary>Tokens and escaped look-alikes in stored text.</summary>
    [GeneratedRegex(@"<@(?<id>[A-Za-z0-9\-]{1,64})>|<!here>|<\\@|<\\!here>")]
    internal static partial Regex Stored();

    /// <summary>Look-alikes of tokens in typed text.</summary>
    [GeneratedRegex(@"<@|<!here>", RegexOptions.IgnoreCase)]
    internal static partial Regex LookAlike();

    internal static string Escape(string typed) => typed.StartsWith("<@", StringComparison.Ordinal) ? @"<\@" : @"<\!here>";

    /// <summary>The user ids mentioned in stored text.</summary>
    public static IEnumerable<string> UserIds(string stored) =>
        Stored().Matches(stored).Where(m => m.Groups["id"].Success).Select(m => m.Groups["id"].Value).Distinct(StringComparer.Ordinal);

    /// <summary>A token in the Markdown tree: a person (<see cref="UserId"/>) or, with a null id, <c>@here</c>.</summary>
    internal sealed class Inline(string? userId) : LeafInline
    {
        public string? UserId { get; } = userId;
    }

    internal sealed class Parser : InlineParser
    {
        public Parser() => OpeningCharacters = ['<'];

        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            var rest = slice.Text.AsSpan(slice.Start, slice.End - slice.Start + 1);
            if (rest.StartsWith(Here, StringComparison.Ordinal))
            {
                processor.Inline = new Inline(null);
                slice.Start += Here.Length;
                return true;
            }
            if (!rest.StartsWith("<@", StringComparison.Ordinal))
            {
                return false;
            }
            var close = rest.IndexOf('>');
            if (close < 3 || close > 66)
            {
                return false;
            }
            var id = rest[2..close];
            foreach (var c in id)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
            processor.Inline = new Inline(id.ToString());
            slice.Start += close + 1;
            return true;
        }
    }

    internal sealed class Renderer(Func<string, string?> nameOf) : HtmlObjectRenderer<Inline>
    {
        protected override void Write(HtmlRenderer renderer, Inline mention)
        {
            if (mention.UserId is null)
            {
                renderer.Write("<span class=\"mention mention-here\" data-testid=\"mention\">@here</span>");
                return;
            }
            var name = nameOf(mention.UserId);
            renderer.Write("<span class=\"mention\" data-testid=\"mention\" data-user-id=\"")
                .Write(WebUtility.HtmlEncode(mention.UserId))
                .Write("\">@")
                .Write(WebUtility.HtmlEncode(name ?? "unknown"))
                .Write("</span>");
        }
    }
}
