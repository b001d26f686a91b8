using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ChatApp.Core.Chat.Content;

namespace ChatApp.Tests.Chat.Content;

public sealed class MessageMarkdownTests
{
    private static string Html(string stored, Func<string, string?>? nameOf = null) => MessageMarkdown.ToHtml(stored, nameOf ?? (_ => null));

    private static IElement Parse(string html)
    {
        var document = new HtmlParser().ParseDocument("<html><body></body></html>");
        document.Body!.InnerHtml = html;
        return document.Body;
    }

    [Fact]
    public void BoldItalicAndCodeAreFormatted()
    {
        var body = Parse(Html("**bold** *italic* `x < y`"));

        Assert.Equal("bold", body.QuerySelector("strong")!.TextContent);
        Assert.Equal("italic", body.QuerySelector("em")!.TextContent);
        Assert.Equal("x < y", body.QuerySelector("code")!.TextContent);
    }

    [Fact]
    public void FencedCodeBlockKeepsItsLinesAndShowsMarkdownAsText()
    {
        var body = Parse(Html("look:\n```\nfirst **line**\n  second\n```"));

        Assert.Equal("first **line**\n  second\n", body.QuerySelector("pre > code")!.TextContent);
        Assert.Null(body.QuerySelector("strong"));
    }

    [Fact]
    public void SingleNewlineShowsAsLineBreak()
    {
        var body = Parse(Html("one\ntwo"));

        Assert.NotNull(body.QuerySelector("p > br"));
        Assert.Equal("one\ntwo", body.TextContent.Replace("\r", ""));
    }

    [Theory]
    [InlineData("see https://example.com/a?b=1 now", "https://example.com/a?b=1")]
    [InlineData("[docs](http://example.com/docs)", "http://example.com/docs")]
    [InlineData("<https://example.com>", "https://example.com")]
    [InlineData("[mail me](mailto:alice@example.com)", "mailto:alice@example.com")]
    public void LinksOpenInANewTabWithoutOpenerOrReferrer(string typed, string href)
    {
        var link = Assert.Single(Parse(Html(typed)).QuerySelectorAll("a"));

        Assert.Equal(href, link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
        Assert.Equal("_blank", link.GetAttribute("target"));
    }

    [Theory]
    [InlineData("# Heading")]
    [InlineData("- item")]
    [InlineData("> quote")]
    [InlineData("---")]
    [InlineData("    indented")]
    [InlineData("![cat](https://example.com/cat.png)")]
    public void OnlyTheChatSubsetIsFormattedTheRestStaysText(string typed)
    {
        var body = Parse(Html(typed));

        Assert.DoesNotContain(body.QuerySelectorAll("*"), e => e.LocalName is not ("p" or "br"));
        Assert.Equal(typed.Trim(), body.TextContent.Trim());
    }

    // OWASP XSS filter evasion cheat sheet style payloads, plus Markdown's own ways to make links.
    public static TheoryData<string> Payloads => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<img src=\"x\" onerror=\"&#97;&#108;&#101;&#114;&#116;(1)\">",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<div style=\"width: expression(alert(1));\">x</div>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<body onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
        "<embed src=\"data:text/html,<script>alert(1)</script>\">",
        "<form action=javascript:alert(1)><button>go</button></form>",
        "<details open ontoggle=alert(1)>",
        "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
        "<a href=\"https://example.com\" onclick=\"alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](  javascript:alert(1))",
        "[x](javascript&#58;alert(1))",
        "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](jav&#x09;ascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](VBScript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](DATA:text/html,<script>alert(1)</script>)",
        "[x](file:///etc/passwd)",
        "[x](//evil.example)",
        "[x](/relative)",
        "[x]: javascript:alert(1)\n\n[x]",
        "[x][ref]\n\n[ref]: data:text/html,alert(1)",
        "<javascript:alert(1)>",
        "<vbscript:msgbox(1)>",
        "<data:text/html,<script>alert(1)</script>>",
        "![x](javascript:alert(1))",
        "![x\" onerror=\"alert(1)](https://example.com/x.png)",
        "[x](https://example.com\" onmouseover=\"alert(1))",
        "[x](https://example.com 'title\" onmouseover=\"alert(1)')",
        "[x\"><script>alert(1)</script>](https://example.com)",
        "https://example.com/\"><script>alert(1)</script>",
        "https://example.com/'onmouseover='alert(1)'",
        "www.example.com/\"onmouseover=\"alert(1)",
        "`<script>alert(1)</script>`",
        "```html\n<script>alert(1)</script>\n```",
        "```\"><script>alert(1)</script>\nx\n```",
        "**<img src=x onerror=alert(1)>**",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "\"><script>alert(1)</script>",
        "'';!--\"<XSS>=&{()}",
        "<@\"><script>alert(1)</script>>",
        "<@x\" onmouseover=\"alert(1)>",
    };

    private static readonly Dictionary<string, string[]> AllowedAttributes = new()
    {
        ["p"] = [],
        ["br"] = [],
        ["strong"] = [],
        ["em"] = [],
        ["pre"] = [],
        ["code"] = [],
        ["a"] = ["href", "rel", "target", "title"],
        ["span"] = ["class", "data-testid", "data-user-id"],
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void NoPayloadComesOutAsExecutableHtml(string payload)
    {
        var html = Html(payload, _ => "Alice\"><script>alert(1)</script>");
        var body = Parse(html);

        foreach (var element in body.QuerySelectorAll("*"))
        {
            Assert.True(AllowedAttributes.TryGetValue(element.LocalName, out var allowed), $"<{element.LocalName}> in {html}");
            foreach (var attribute in element.Attributes)
            {
                Assert.Contains(attribute.Name, allowed);
            }
            if (element.GetAttribute("href") is { } href)
            {
                Assert.Matches("^(https?://|mailto:)", href);
                Assert.Equal("noopener noreferrer nofollow", element.GetAttribute("rel"));
            }
            if (element.GetAttribute("class") is { } css)
            {
                Assert.Matches("^[A-Za-z0-9 _-]*$", css);
            }
        }
    }

    [Fact]
    public void ScriptTagShowsAsTheTextThatWasTyped()
    {
        var body = Parse(Html("<script>alert(1)</script>"));

        Assert.Empty(body.QuerySelectorAll("script"));
        Assert.Equal("<script>alert(1)</script>", body.TextContent);
    }

    [Fact]
    public void MentionTokensShowTheCurrentNameHtmlEncoded()
    {
        var body = Parse(Html("hi <@u-1> and <!here>", id => id == "u-1" ? "Ann <Lee>" : null));

        var mentions = body.QuerySelectorAll("[data-testid=mention]");
        Assert.Equal(["@Ann <Lee>", "@here"], mentions.Select(m => m.TextContent));
        Assert.Equal("u-1", mentions[0].GetAttribute("data-user-id"));
    }

    [Fact]
    public void EscapedLookAlikesOfTokensShowAsTyped()
    {
        var body = Parse(Html(@"<\@u-1> <\!here>", _ => "Ann"));

        Assert.Empty(body.QuerySelectorAll("[data-testid=mention]"));
        Assert.Equal("<@u-1> <!here>", body.TextContent);
    }
}
