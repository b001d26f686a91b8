using Markdig;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ChatApp.Core.Chat.Content;

/// <summary>
/// A message's stored text as HTML: the chat subset of Markdown (links, <c>**bold**</c>, <c>*italic*</c>,
/// <c>`code`</c>, fenced code blocks, a single newline as a line break) from Markdig with HTML off, so nothing a person
/// types can become markup of its own. Links go only to http, https and mailto and open in a new tab without the
/// opener or a referrer; any other link, and any image, shows as the text that was typed. Headings, lists, quotes,
/// rules and indented code are left out: in a chat a "# " or a "- " at the start of a line is text, not a layout.
/// Mention tokens (<see cref="MentionTokens"/>) become <c>@Name</c> spans with the names of now.
/// </summary>
public static class MessageMarkdown
{
    public const string LinkRel = "noopener noreferrer nofollow";

    private static readonly string[] AllowedSchemes = ["http://", "https://", "mailto:"];

    /// <summary>The pipeline every message is parsed with; thread-safe once built (Markdig's pipelines are).</summary>
    internal static MarkdownPipeline Pipeline { get; } = Build();

    /// <summary>
    /// The HTML of <paramref name="stored"/>; <paramref name="nameOf"/> gives a mentioned user's current display name
    /// (null: no such user any more).
    /// </summary>
    public static string ToHtml(string stored, Func<string, string?> nameOf)
    {
        var document = Markdown.Parse(stored, Pipeline);
        KeepOnlySafeLinks(document, stored);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Insert(0, new MentionTokens.Renderer(nameOf));
        renderer.Render(document);
        return writer.ToString().TrimEnd('\n');
    }

    /// <summary>True for an address a link may go to: http, https or mailto, spelled plainly.</summary>
    public static bool IsAllowedUrl(string? url) =>
        url is not null
        // Plainly: a browser drops tabs, newlines and leading controls from an address, so "java\tscript:" must
        // not get past a check that a parser would have passed; the address must start with the scheme itself.
        && AllowedSchemes.Any(s => url.StartsWith(s, StringComparison.OrdinalIgnoreCase))
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https" or "mailto";

    /// <summary>
    /// Where code and links are in <paramref name="text"/> as typed: no mention is looked for inside them (a
    /// <c>@name</c> in code is code, and one in an address is part of the address).
    /// </summary>
    internal static IReadOnlyList<(int Start, int End)> CodeAndLinks(string text)
    {
        var document = Markdown.Parse(text, Pipeline);
        var spans = new List<(int, int)>();
        foreach (var node in document.Descendants())
        {
            if (node is CodeInline or CodeBlock or LinkInline or AutolinkInline && !node.Span.IsEmpty)
            {
                spans.Add((node.Span.Start, node.Span.End));
            }
        }
        return spans;
    }

    private static MarkdownPipeline Build()
    {
        var builder = new MarkdownPipelineBuilder()
            .UsePreciseSourceLocation()
            .UseAutoLinks(new Markdig.Extensions.AutoLinks.AutoLinkOptions { OpenInNewWindow = true })
            .UseSoftlineBreakAsHardlineBreak()
            .DisableHtml();
        builder.BlockParsers.TryRemove<HeadingBlockParser>();
        builder.BlockParsers.TryRemove<ThematicBreakParser>();
        builder.BlockParsers.TryRemove<QuoteBlockParser>();
        builder.BlockParsers.TryRemove<ListBlockParser>();
        builder.BlockParsers.TryRemove<IndentedCodeBlockParser>();
        builder.BlockParsers.TryRemove<HtmlBlockParser>();
        if (builder.BlockParsers.Find<ParagraphBlockParser>() is { } paragraphs)
        {
            // "text" over "===" stays two lines of text, not a heading.
            paragraphs.ParseSetextHeadings = false;
        }
        // Before the autolink parser, which also starts at '<'.
        builder.InlineParsers.InsertBefore<AutolinkInlineParser>(new MentionTokens.Parser());
        return builder.Build();
    }

    private static void KeepOnlySafeLinks(MarkdownDocument document, string source)
    {
        foreach (var fence in document.Descendants<FencedCodeBlock>())
        {
            // No "language-…" class from the fence's info string: nothing typed becomes an attribute.
            fence.SetAttributes(new HtmlAttributes());
        }
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (link.IsImage || !IsAllowedUrl(link.Url))
            {
                link.ReplaceBy(new LiteralInline(Typed(source, link)), copyChildren: false);
            }
            else
            {
                OpensSafely(link);
            }
        }
        foreach (var link in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsAllowedUrl(link.IsEmail ? "mailto:" + link.Url : link.Url))
            {
                link.ReplaceBy(new LiteralInline(Typed(source, link)));
            }
            else
            {
                OpensSafely(link);
            }
        }
    }

    private static void OpensSafely(Inline link)
    {
        var attributes = link.GetAttributes();
        attributes.Properties?.RemoveAll(p => p.Key is "rel" or "target");
        attributes.AddProperty("rel", LinkRel);
        attributes.AddProperty("target", "_blank");
    }

    private static string Typed(string source, Inline inline) =>
        inline.Span.IsEmpty || inline.Span.End >= source.Length ? "" : source.Substring(inline.Span.Start, inline.Span.Length);
}
