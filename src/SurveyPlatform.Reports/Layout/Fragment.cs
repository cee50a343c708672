using SkiaSharp;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Layout;

/// <summary>
/// What a block placed on a page: a box of a given size holding drawing operations and child fragments,
/// each at an offset from the box's top-left corner (points, y down). Plain data, so layout can be
/// tested without drawing and the PDF writer can see every glyph before it subsets the fonts.
/// </summary>
internal sealed class Fragment(float width, float height)
{
    public float Width { get; } = width;
    public float Height { get; set; } = height;
    public List<DrawOp> Ops { get; } = [];
    public List<(SKPoint At, Fragment Child)> Children { get; } = [];

    public Fragment Add(Fragment child, float x, float y)
    {
        Children.Add((new SKPoint(x, y), child));
        return this;
    }

    public Fragment Add(DrawOp op)
    {
        Ops.Add(op);
        return this;
    }

    /// <summary>Every operation with the absolute offset of the fragment that holds it.</summary>
    public IEnumerable<(DrawOp Op, SKPoint Origin)> Flatten(SKPoint origin = default)
    {
        foreach (var op in Ops) yield return (op, origin);
        foreach (var (at, child) in Children)
        {
            foreach (var item in child.Flatten(new SKPoint(origin.X + at.X, origin.Y + at.Y)))
                yield return item;
        }
    }

    /// <summary>The text of the fragment's lines in drawing order (for tests).</summary>
    public IEnumerable<string> Texts() => Flatten().Select(f => f.Op).OfType<TextRunOp>().Select(t => t.Text);
}

internal abstract record DrawOp;

/// <summary>Glyphs of one line run; <see cref="Baseline"/> is the pen origin of the run's first glyph.</summary>
internal sealed record TextRunOp(SKPoint Baseline, LineRun Run, string Paragraph) : DrawOp
{
    public string Text => Paragraph[Run.TextStart..Run.TextEnd];
}

/// <summary>A footnote whose mark is drawn in this fragment: draws nothing; the page it lands on prints the note at its foot.</summary>
internal sealed record FootnoteOp(Footnote Note) : DrawOp;

/// <summary>A note and the mark (a, b, …) that refers to it in the text.</summary>
internal sealed record Footnote(string Mark, string Text);

internal sealed record RectOp(SKRect Rect, SKColor? Fill, SKColor? Stroke = null, float StrokeWidth = 0.5f, float Radius = 0) : DrawOp;

internal sealed record LineOp(SKPoint From, SKPoint To, SKColor Color, float Width = 0.5f, bool Dashed = false) : DrawOp;

/// <summary>Drawing done directly on the canvas (charts), inside <see cref="Rect"/> relative to the fragment.</summary>
internal sealed record CanvasOp(SKRect Rect, Action<SKCanvas, SKRect> Draw) : DrawOp;
