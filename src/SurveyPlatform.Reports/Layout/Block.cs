namespace SurveyPlatform.Reports.Layout;

/// <summary>Room offered to a block: its width, the height left on the page, and whether it is the first thing on the page.</summary>
internal readonly record struct Space(float Width, float Height, bool PageTop)
{
    /// <summary>Unlimited height, for measuring a block whole.</summary>
    public static Space Measure(float width) => new(width, float.MaxValue / 4, true);
}

/// <summary>
/// The result of placing a block: the part that fits (null when nothing fits and it should move to the
/// next page) and the part left for the following pages (null when all was placed).
/// </summary>
internal readonly record struct Placement(Fragment? Placed, Block? Rest, bool BreakPage = false)
{
    public static Placement All(Fragment fragment) => new(fragment, null);
    public static Placement Nothing(Block rest) => new(null, rest);
}

/// <summary>
/// A piece of a document that can be placed in a column of a given width. A block at the top of a
/// page must place something, so the flow always moves on; elsewhere it may decline and move to the
/// next page.
/// </summary>
internal abstract class Block
{
    /// <summary>
    /// Never the last thing on a page (headings, a table's introduction): when the block after it places nothing
    /// on the page, the enclosing <see cref="Stack"/> moves this one to the next page too.
    /// </summary>
    public bool KeepWithNext { get; init; }

    public abstract Placement Place(Space space);

    /// <summary>The whole block placed in <paramref name="width"/> with no page limit.</summary>
    public Fragment Measure(float width)
    {
        var placement = Place(Space.Measure(width));
        return placement.Placed ?? new Fragment(width, 0);
    }
}

/// <summary>Blank vertical space; at the bottom of a page it shrinks to what is left.</summary>
internal sealed class Spacer(float height) : Block
{
    public override Placement Place(Space space) => Placement.All(new Fragment(space.Width, Math.Min(height, space.Height)));
}

/// <summary>Ends the page: what follows starts on the next one.</summary>
internal sealed class PageBreak : Block
{
    public override Placement Place(Space space) => new(new Fragment(space.Width, 0), null, BreakPage: true);
}

/// <summary>A block of fixed height drawn by a function of the width (charts, QR codes, rules); never split.</summary>
internal sealed class Drawing(float height, Func<float, Fragment> draw) : Block
{
    public override Placement Place(Space space)
    {
        if (height > space.Height && !space.PageTop) return Placement.Nothing(this);
        var fragment = draw(space.Width);
        fragment.Height = height;
        return Placement.All(fragment);
    }
}

/// <summary>
/// Keeps a block on one page: when it does not fit in the room left it moves to the next page whole;
/// only a block taller than a page is split.
/// </summary>
internal sealed class KeepTogether(Block inner) : Block
{
    private (float Width, Fragment Fragment)? _measured;

    public override Placement Place(Space space)
    {
        if (_measured is not { } m || m.Width != space.Width)
            _measured = m = (space.Width, inner.Measure(space.Width));
        if (m.Fragment.Height <= space.Height) return Placement.All(m.Fragment);
        return space.PageTop ? inner.Place(space) : Placement.Nothing(this);
    }
}
