using SkiaSharp;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Layout;

/// <summary>Start and end follow the paragraph's direction: start is the right edge in Arabic.</summary>
internal enum TextAlign { Start, Center, End }

/// <summary>
/// Flowing text: shaped once, broken into lines for the width it gets, split between pages by lines.
/// A paragraph does not leave a single first line at the bottom of a page, nor carry a single last
/// line over (orphans and widows). A heading sets <see cref="Block.KeepWithNext"/> so that it is never
/// the last thing on a page. Spans carrying a <see cref="Footnote"/> leave a <see cref="FootnoteOp"/> on
/// the line that shows them, so the page they land on prints the note.
/// </summary>
internal sealed class Paragraph : Block
{
    private readonly ShapedText _text;
    private readonly int _firstLine;
    private (float Width, IReadOnlyList<TextLine> Lines)? _layout;

    public Paragraph(IReadOnlyList<Span> spans, bool rtl, string language, TextAlign align = TextAlign.Start)
        : this(new ShapedText(spans, rtl, language), align, 0, null)
    {
    }

    private Paragraph(ShapedText text, TextAlign align, int firstLine, (float, IReadOnlyList<TextLine>)? layout)
    {
        _text = text;
        Align = align;
        _firstLine = firstLine;
        _layout = layout;
    }

    public TextAlign Align { get; }
    public ShapedText Shaped => _text;

    public IReadOnlyList<TextLine> Lines(float width)
    {
        if (_layout is not { } layout || layout.Width != width)
            _layout = layout = (width, _text.BreakLines(width));
        return layout.Lines;
    }

    public override Placement Place(Space space)
    {
        var lines = Lines(space.Width);
        var remaining = lines.Count - _firstLine;
        float height = 0;
        var fit = 0;
        while (fit < remaining && height + lines[_firstLine + fit].Height <= space.Height + 0.01f)
            height += lines[_firstLine + fit++].Height;
        if (fit < remaining && !space.PageTop)
        {
            if (fit == 1 && remaining > 1) fit = 0;                 // orphan
            else if (fit >= 3 && remaining - fit == 1) fit--;       // widow
        }
        if (fit == 0)
        {
            if (!space.PageTop) return Placement.Nothing(this);
            fit = 1;
        }
        var fragment = new Fragment(space.Width, 0);
        float y = 0;
        for (var i = _firstLine; i < _firstLine + fit; i++)
        {
            var line = lines[i];
            var x = (Align, _text.Rtl) switch
            {
                (TextAlign.Center, _) => (space.Width - line.Width) / 2,
                (TextAlign.Start, false) or (TextAlign.End, true) => 0,
                _ => space.Width - line.Width,
            };
            foreach (var run in line.Runs)
                fragment.Add(new TextRunOp(new SKPoint(x + run.X, y + line.Baseline - run.Item.Style.Rise), run, _text.Text));
            foreach (var (start, end, note) in _text.Notes)
                if (start < line.End && end > line.Start) fragment.Add(new FootnoteOp(note));
            y += line.Height;
        }
        fragment.Height = y;
        var rest = _firstLine + fit < lines.Count
            ? new Paragraph(_text, Align, _firstLine + fit, _layout) { KeepWithNext = KeepWithNext }
            : null;
        return new Placement(fragment, rest);
    }
}
