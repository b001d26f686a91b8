using ChatApp.LoadTest.Protocol;

namespace ChatApp.LoadTest.Dom;

/// <summary>
/// The tab's page, built from render batches exactly as blazor.web.js applies them (BrowserRenderer.applyEdits /
/// insertFrame): sibling indices count logical children, a component or markup frame is one child, regions are
/// flattened, attributes and reference captures take no slot. Not thread-safe: the tab applies and reads under its lock.
/// </summary>
public sealed class Document
{
    private readonly Dictionary<int, ComponentNode> components = [];
    private readonly List<ComponentNode> roots = [];

    /// <summary>Called with every text (or markup) that appears or changes, so watchers need not walk the tree.</summary>
    public Action<string>? TextShown { get; set; }

    public int ComponentCount => components.Count;

    public void AttachRoot(int componentId)
    {
        var root = new ComponentNode(componentId);
        components[componentId] = root;
        roots.Add(root);
    }

    public void Apply(RenderBatch batch)
    {
        foreach (var diff in batch.Diffs)
        {
            if (!components.TryGetValue(diff.ComponentId, out var container))
            {
                throw new InvalidOperationException($"Render batch updates component {diff.ComponentId}, which is not in the page.");
            }
            ApplyEdits(batch, diff.ComponentId, container, diff.Edits);
        }
        foreach (var id in batch.DisposedComponentIds)
        {
            if (components.Remove(id, out var gone))
            {
                roots.Remove(gone);
            }
        }
    }

    public IEnumerable<ElementNode> Elements() => roots.SelectMany(r => r.Descendants());

    public IEnumerable<ElementNode> ByTestId(string testId) => Elements().Where(e => e["data-testid"] == testId);

    public ElementNode? FirstByTestId(string testId) => ByTestId(testId).FirstOrDefault();

    private void ApplyEdits(RenderBatch batch, int componentId, ContainerNode parent, Edit[] edits)
    {
        var index = 0;
        List<(int From, int To)>? permutation = null;
        foreach (var edit in edits)
        {
            var at = index + edit.SiblingIndex;
            switch (edit.Type)
            {
                case 1: // prependFrame
                    InsertFrame(batch, componentId, parent, at, edit.ReferenceFrameIndex);
                    break;
                case 2: // removeFrame (components inside go when the batch lists them as disposed, as in the browser)
                    parent.Children.RemoveAt(at);
                    break;
                case 3: // setAttribute
                    SetAttribute((ElementNode)parent.Children[at], batch, batch.Frames[edit.ReferenceFrameIndex]);
                    break;
                case 4: // removeAttribute
                {
                    var element = (ElementNode)parent.Children[at];
                    var name = batch.String(edit.RemovedAttributeNameIndex)!;
                    element.Attributes.Remove(name);
                    if (name.StartsWith("on", StringComparison.Ordinal))
                    {
                        element.RemoveEvent(name[2..]);
                    }
                    break;
                }
                case 5: // updateText
                {
                    var text = (TextNode)parent.Children[at];
                    text.Text = batch.String(batch.Frames[edit.ReferenceFrameIndex].A) ?? "";
                    TextShown?.Invoke(text.Text);
                    break;
                }
                case 6: // stepIn
                    parent = (ContainerNode)parent.Children[at];
                    index = 0;
                    break;
                case 7: // stepOut
                    parent = parent.Parent!;
                    index = 0;
                    break;
                case 8: // updateMarkup
                {
                    var markup = new MarkupNode(batch.String(batch.Frames[edit.ReferenceFrameIndex].A) ?? "") { Parent = parent };
                    parent.Children[at] = markup;
                    TextShown?.Invoke(markup.Html);
                    break;
                }
                case 9: // permutationListEntry: index + siblingIndex moves to index + moveToSiblingIndex
                    (permutation ??= []).Add((at, index + edit.ReferenceFrameIndex));
                    break;
                case 10: // permutationListEnd
                {
                    var before = parent.Children.ToArray();
                    foreach (var (from, to) in permutation ?? [])
                    {
                        parent.Children[to] = before[from];
                    }
                    permutation = null;
                    break;
                }
                default:
                    throw new InvalidOperationException($"Unknown edit type {edit.Type}.");
            }
        }
    }

    /// <returns>How many child slots the frame took in <paramref name="parent"/>.</returns>
    private int InsertFrame(RenderBatch batch, int owner, ContainerNode parent, int at, int frameIndex)
    {
        var frame = batch.Frames[frameIndex];
        switch (frame.Type)
        {
            case RenderBatch.FrameElement:
            {
                var element = new ElementNode(batch.String(frame.B)!, owner);
                int end = frameIndex + frame.A, i = frameIndex + 1;
                for (; i < end && batch.Frames[i].Type == RenderBatch.FrameAttribute; i++)
                {
                    SetAttribute(element, batch, batch.Frames[i]);
                }
                Insert(parent, at, element);
                InsertRange(batch, owner, element, 0, i, end);
                return 1;
            }
            case RenderBatch.FrameText:
            {
                var text = batch.String(frame.A) ?? "";
                Insert(parent, at, new TextNode(text));
                TextShown?.Invoke(text);
                return 1;
            }
            case RenderBatch.FrameComponent:
            {
                var component = new ComponentNode(frame.B);
                components[frame.B] = component;
                Insert(parent, at, component);
                return 1;
            }
            case RenderBatch.FrameRegion:
                return InsertRange(batch, owner, parent, at, frameIndex + 1, frameIndex + frame.A);
            case RenderBatch.FrameElementReferenceCapture:
                if (parent is ElementNode captured)
                {
                    captured.CaptureId = batch.String(frame.A);
                }
                return 0;
            case RenderBatch.FrameMarkup:
            {
                var html = batch.String(frame.A) ?? "";
                Insert(parent, at, new MarkupNode(html));
                TextShown?.Invoke(html);
                return 1;
            }
            default: // attribute outside an element's head, component reference capture, named event, render mode
                return 0;
        }
    }

    private int InsertRange(RenderBatch batch, int owner, ContainerNode parent, int at, int start, int end)
    {
        var origin = at;
        for (var i = start; i < end; i++)
        {
            at += InsertFrame(batch, owner, parent, at, i);
            var frame = batch.Frames[i];
            if (frame.Type is RenderBatch.FrameElement or RenderBatch.FrameComponent or RenderBatch.FrameRegion && frame.A > 1)
            {
                i += frame.A - 1;
            }
        }
        return at - origin;
    }

    private static void Insert(ContainerNode parent, int at, Node child)
    {
        child.Parent = parent;
        parent.Children.Insert(at, child);
    }

    private static void SetAttribute(ElementNode element, RenderBatch batch, Frame frame)
    {
        var name = batch.String(frame.A)!;
        if (frame.HandlerId != 0)
        {
            element.SetEvent(SharedStrings.Share(name.StartsWith("on", StringComparison.Ordinal) ? name[2..] : name), frame.HandlerId);
            return;
        }
        var value = batch.String(frame.B);
        if (value is null)
        {
            element.Attributes.Remove(name);
        }
        else
        {
            element.Attributes[name] = value;
        }
    }
}
