using System.Net;

namespace ChatApp.LoadTest.Dom;

/// <summary>
/// Just enough of an HTML parser for the markup frames the app renders (well-formed, encoded by the server): elements
/// with quoted or bare attributes, text, comments, void and self-closed elements. Not for arbitrary pages.
/// </summary>
internal static class MarkupParser
{
    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    public static void AppendTo(ContainerNode root, string html)
    {
        if (!html.Contains('<'))
        {
            return;
        }
        ContainerNode current = root;
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                AddText(current, html[i..]);
                break;
            }
            if (lt > i)
            {
                AddText(current, html[i..lt]);
            }
            if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                i = end < 0 ? html.Length : end + 3;
            }
            else if (lt + 1 < html.Length && html[lt + 1] == '/')
            {
                var end = html.IndexOf('>', lt);
                var name = html[(lt + 2)..(end < 0 ? html.Length : end)].Trim();
                // Close up to the matching open element (tolerates nothing more than the server's own output needs).
                for (var node = current; node is ElementNode element && node != root; node = node.Parent!)
                {
                    if (string.Equals(element.Tag, name, StringComparison.OrdinalIgnoreCase))
                    {
                        current = element.Parent ?? root;
                        break;
                    }
                }
                i = end < 0 ? html.Length : end + 1;
            }
            else
            {
                i = OpenTag(html, lt, ref current);
            }
        }
    }

    private static int OpenTag(string html, int lt, ref ContainerNode current)
    {
        var i = lt + 1;
        var nameStart = i;
        while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not '>' and not '/')
        {
            i++;
        }
        var element = new ElementNode(SharedStrings.Share(html[nameStart..i]), ownerComponentId: 0) { Parent = current };
        current.Children.Add(element);
        var selfClosed = false;
        while (i < html.Length && html[i] != '>')
        {
            if (char.IsWhiteSpace(html[i]))
            {
                i++;
                continue;
            }
            if (html[i] == '/')
            {
                selfClosed = true;
                i++;
                continue;
            }
            var attrStart = i;
            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not '=' and not '>' and not '/')
            {
                i++;
            }
            var name = html[attrStart..i];
            var value = "";
            if (i < html.Length && html[i] == '=')
            {
                i++;
                if (i < html.Length && html[i] is '"' or '\'')
                {
                    var quote = html[i];
                    var end = html.IndexOf(quote, i + 1);
                    end = end < 0 ? html.Length : end;
                    value = html[(i + 1)..end];
                    i = Math.Min(end + 1, html.Length);
                }
                else
                {
                    var valueStart = i;
                    while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>')
                    {
                        i++;
                    }
                    value = html[valueStart..i];
                }
            }
            element.Attributes[SharedStrings.Share(name)] = SharedStrings.Share(WebUtility.HtmlDecode(value));
        }
        if (!selfClosed && !VoidElements.Contains(element.Tag))
        {
            current = element;
        }
        return Math.Min(i + 1, html.Length);
    }

    private static void AddText(ContainerNode parent, string raw) =>
        parent.Children.Add(new TextNode(SharedStrings.Share(WebUtility.HtmlDecode(raw))) { Parent = parent });
}
