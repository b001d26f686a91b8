using ChatApp.LoadTest.Dom;

namespace ChatApp.E2E.LoadTest;

/// <summary>A headless tab reads hooks inside markup frames as a browser would (a message row is shared markup).</summary>
public sealed class MarkupNodeTests
{
    private const string Row =
        "<div class=\"message-meta\"><span class=\"message-author\">Ann &amp; Bo</span>" +
        "<span class=\"presence-dot\" data-testid=\"user-presence\" data-user=\"Ann &amp; Bo\" data-status=\"busy\"></span>" +
        "<time datetime=\"2026-11-30T10:00:00.0000000+00:00\">10:00</time></div><!-- a comment -->" +
        "<div class=\"message-text\" data-testid=\"message-text\">&lt;script&gt;hi<br>there</div>";

    [Fact]
    public void HooksInsideMarkupAreFoundWithTheirAttributesAndText()
    {
        var markup = new MarkupNode(Row);

        var elements = markup.Descendants().ToList();
        var dot = Assert.Single(elements, e => e["data-testid"] == "user-presence");
        Assert.Equal(("Ann & Bo", "busy"), (dot["data-user"], dot["data-status"]));
        var text = Assert.Single(elements, e => e["data-testid"] == "message-text");
        Assert.Equal("<script>hithere", text.InnerText());
        Assert.Equal("Ann & Bo10:00<script>hithere", markup.InnerText());
    }

    [Fact]
    public void PlainTextMarkupHasNoElements()
    {
        var markup = new MarkupNode("just text &amp; more");

        Assert.Empty(markup.Descendants());
        Assert.Equal("just text & more", markup.InnerText());
    }
}
