using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatApp.LoadTest.Dom;

/// <summary>A node of the tab's logical DOM, the same shape blazor.web.js keeps (components are containers).</summary>
public abstract class Node
{
    public ContainerNode? Parent { get; internal set; }
}

public abstract class ContainerNode : Node
{
    public List<Node> Children { get; } = [];
}

/// <summary>A component's logical container: one child slot in its parent, its own frames inside.</summary>
public sealed class ComponentNode(int componentId) : ContainerNode
{
    public int ComponentId { get; } = componentId;
}

public sealed class ElementNode(string tag, int ownerComponentId) : ContainerNode
{
    public string Tag { get; } = tag;

    /// <summary>The component whose diff created the element (the event's field-info component).</summary>
    public int OwnerComponentId { get; } = ownerComponentId;

    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, ulong> NoEvents = [];
    private Dictionary<string, ulong>? events;

    /// <summary>Event name without "on" (click, change) to the renderer's handler id.</summary>
    /// <remarks>Most elements have no handler: their dictionary is made only when the first one is set.</remarks>
    public IReadOnlyDictionary<string, ulong> Events => events ?? NoEvents;

    internal void SetEvent(string name, ulong handlerId) => (events ??= new(StringComparer.Ordinal))[name] = handlerId;

    internal void RemoveEvent(string name) => events?.Remove(name);

    /// <summary>The element reference id (<c>__internalId</c>) the server captured, if any.</summary>
    public string? CaptureId { get; internal set; }

    public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);
}

public sealed class TextNode(string text) : Node
{
    public string Text { get; internal set; } = text;
}

/// <summary>
/// A markup frame: HTML the browser parses into elements. Its elements are its children here too, so hooks inside
/// it (a message row is shared markup since issue 10) are found like any other.
/// </summary>
public sealed partial class MarkupNode : ContainerNode
{
    public MarkupNode(string html)
    {
        Html = html;
        MarkupParser.AppendTo(this, html);
    }

    public string Html { get; }

    public string PlainText => WebUtility.HtmlDecode(Tags().Replace(Html, ""));

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}

public static class NodeText
{
    /// <summary>What the node shows as text, like the browser's textContent.</summary>
    public static string InnerText(this Node node)
    {
        var text = new StringBuilder();
        Append(node, text);
        return text.ToString();
    }

    private static void Append(Node node, StringBuilder text)
    {
        switch (node)
        {
            case TextNode t: text.Append(t.Text); break;
            case MarkupNode m: text.Append(m.PlainText); break;
            case ContainerNode c:
                foreach (var child in c.Children)
                {
                    Append(child, text);
                }
                break;
        }
    }

    public static IEnumerable<ElementNode> Descendants(this ContainerNode root)
    {
        var stack = new Stack<ContainerNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            for (var i = current.Children.Count - 1; i >= 0; i--)
            {
                if (current.Children[i] is ContainerNode child)
                {
                    stack.Push(child);
                }
            }
            if (current is ElementNode element && !ReferenceEquals(current, root))
            {
                yield return element;
            }
        }
    }
}
