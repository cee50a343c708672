using SkiaSharp;

namespace SurveyPlatform.Reports.Layout;

/// <summary>
/// Blocks one below the other with a gap; splits where a child splits or does not fit. A child that places
/// nothing takes the blocks kept with it (<see cref="Block.KeepWithNext"/>, such as its heading) to the next page.
/// </summary>
internal sealed class Stack(IReadOnlyList<Block> children, float spacing = 0) : Block
{
    public IReadOnlyList<Block> Children { get; } = children;

    public override Placement Place(Space space)
    {
        var fragment = new Fragment(space.Width, 0);
        float y = 0;
        // Children placed whole on this page: where each starts, to take trailing kept-with-next ones back.
        var whole = new List<(int Child, float Y, int Fragments)>();
        for (var i = 0; i < Children.Count; i++)
        {
            var placedAny = fragment.Children.Count > 0;
            var gap = placedAny ? spacing : 0;
            var room = new Space(space.Width, Math.Max(0, space.Height - y - gap), space.PageTop && !placedAny);
            var placement = Children[i].Place(room);
            var before = (Child: i, Y: y, Fragments: fragment.Children.Count);
            if (placement.Placed is { } placed)
            {
                fragment.Add(placed, 0, y + gap);
                y += gap + placed.Height;
            }
            var done = placement.Placed is not null && placement.Rest is null;
            if (done && !placement.BreakPage)
            {
                whole.Add(before);
                continue;
            }
            var first = i;
            var rest = new List<Block>();
            if (placement.Placed is null && !placement.BreakPage)
            {
                // Take back the kept-with-next blocks just above, unless that would leave the top of a page empty.
                var back = whole.Count;
                while (back > 0 && Children[whole[back - 1].Child].KeepWithNext) back--;
                if (back < whole.Count && (back > 0 || !space.PageTop))
                {
                    var (child, top, fragments) = whole[back];
                    fragment.Children.RemoveRange(fragments, fragment.Children.Count - fragments);
                    y = top;
                    first = child;
                    rest.AddRange(Children.Skip(first).Take(i - first));
                }
            }
            if (placement.Rest is not null) rest.Add(placement.Rest);
            rest.AddRange(Children.Skip(i + 1));
            fragment.Height = y;
            return new Placement(fragment.Children.Count > 0 ? fragment : null, rest.Count == 0 ? null : new Stack(rest, spacing), placement.BreakPage);
        }
        fragment.Height = y;
        return Placement.All(fragment);
    }
}

/// <summary>A block inside padding, with an optional background and border; splits with its content.</summary>
internal sealed class Box(Block child, float padding, SKColor? background = null, SKColor? border = null, float radius = 0) : Block
{
    public override Placement Place(Space space)
    {
        var inner = new Space(space.Width - 2 * padding, space.Height - 2 * padding, space.PageTop);
        if (inner.Height <= 0 && !space.PageTop) return Placement.Nothing(this);
        var placement = child.Place(inner);
        if (placement.Placed is not { } placed) return Placement.Nothing(this);
        var fragment = new Fragment(space.Width, placed.Height + 2 * padding);
        if (background is not null || border is not null)
            fragment.Add(new RectOp(new SKRect(0, 0, space.Width, fragment.Height), background, border, 0.75f, radius));
        fragment.Add(placed, padding, padding);
        var rest = placement.Rest is null ? null : new Box(placement.Rest, padding, background, border, radius);
        return new Placement(fragment, rest, placement.BreakPage);
    }
}

/// <summary>
/// Blocks side by side (never split): widths from weights, the first cell at the start edge (the right
/// in Arabic). Cells may share a background and border drawn to the row's full height, like cards (a <see cref="Spacer"/> cell stays blank).
/// </summary>
internal sealed class Row(IReadOnlyList<Block> cells, bool rtl, float spacing = 8, IReadOnlyList<float>? weights = null) : Block
{
    public SKColor? CellBackground { get; init; }
    public SKColor? CellBorder { get; init; }
    public float CellPadding { get; init; }

    public override Placement Place(Space space)
    {
        var w = weights ?? cells.Select(_ => 1f).ToList();
        var total = w.Sum();
        var available = space.Width - spacing * (cells.Count - 1);
        var widths = w.Select(x => available * x / total).ToList();
        var placed = cells.Select((c, i) => c.Measure(widths[i] - 2 * CellPadding)).ToList();
        var height = placed.Max(p => p.Height) + 2 * CellPadding;
        if (height > space.Height && !space.PageTop) return Placement.Nothing(this);
        var fragment = new Fragment(space.Width, height);
        float x = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            var left = rtl ? space.Width - x - widths[i] : x;
            if ((CellBackground is not null || CellBorder is not null) && cells[i] is not Spacer)
                fragment.Add(new RectOp(new SKRect(left, 0, left + widths[i], height), CellBackground, CellBorder, 0.75f, 3));
            fragment.Add(placed[i], left + CellPadding, CellPadding);
            x += widths[i] + spacing;
        }
        return Placement.All(fragment);
    }
}
