namespace SurveyPlatform.Reports.Layout;

/// <summary>Page size and margins in points (1/72 inch).</summary>
internal sealed record PageGeometry(float Width, float Height, float Margin, float HeaderHeight, float FooterHeight)
{
    public static readonly PageGeometry Letter = new(612, 792, 50, 26, 26);
    public static readonly PageGeometry A4 = new(595.28f, 841.89f, 48, 26, 26);

    public float ContentWidth => Width - 2 * Margin;
    public float ContentTop => Margin + HeaderHeight;
    public float ContentHeight => Height - 2 * Margin - HeaderHeight - FooterHeight;
}

/// <summary>Builds the header and footer of page <c>number</c> of <c>count</c> (1-based) in the content width.</summary>
internal delegate Fragment? PageDecoration(int number, int count, float width);

/// <summary>Sets the notes whose marks are on one page, in the order the marks appear.</summary>
internal delegate Block FootnoteArea(IReadOnlyList<Footnote> notes);

/// <summary>
/// Flows a document's blocks into pages, then adds each page's header and footer (which need the page count).
/// Footnotes go to the foot of the page that shows their marks: the page is laid out, the notes of the marks
/// on it are set below, and when they do not fit the page is laid out again with less room, until they do.
/// </summary>
internal static class Paginator
{
    /// <summary>Space between the text and the footnotes of a page.</summary>
    public const float FootnoteGap = 8;

    public static IReadOnlyList<Fragment> Flow(Block content, PageGeometry page, FootnoteArea? footnotes = null)
    {
        var pages = new List<Fragment>();
        Block? rest = content;
        while (rest is not null)
        {
            var (body, next) = PlacePage(rest, page, footnotes);
            pages.Add(body);
            rest = next;
            if (pages.Count > 2000) throw new InvalidOperationException("The document does not end (more than 2,000 pages).");
        }
        return pages;
    }

    private static (Fragment Page, Block? Remaining) PlacePage(Block content, PageGeometry page, FootnoteArea? footnotes)
    {
        var room = page.ContentHeight;
        for (var attempt = 0; ; attempt++)
        {
            var placement = content.Place(new Space(page.ContentWidth, room, PageTop: true));
            if (placement.Placed is not { } placed)
                throw new InvalidOperationException("A block placed nothing at the top of an empty page.");
            var notes = footnotes is null ? [] : Notes(placed);
            if (notes.Count == 0) return (placed, placement.Rest);
            var area = footnotes!(notes).Measure(page.ContentWidth);
            var needed = area.Height + FootnoteGap;
            if (placed.Height + needed <= page.ContentHeight + 0.01f || attempt >= 8 || room - needed < 40)
            {
                var sheet = new Fragment(page.ContentWidth, page.ContentHeight);
                sheet.Add(placed, 0, 0);
                sheet.Add(area, 0, Math.Max(placed.Height + FootnoteGap, page.ContentHeight - area.Height));
                return (sheet, placement.Rest);
            }
            room = Math.Min(room - 1, page.ContentHeight - needed);
        }
    }

    /// <summary>The distinct notes marked on a page, in the order of their marks (a, b, …).</summary>
    public static IReadOnlyList<Footnote> Notes(Fragment page) =>
        page.Flatten().Select(f => f.Op).OfType<FootnoteOp>().Select(f => f.Note).Distinct().OrderBy(n => n.Mark.Length).ThenBy(n => n.Mark, StringComparer.Ordinal).ToList();

    /// <summary>Whole pages: the flowed content with the header above and the footer below it.</summary>
    public static IReadOnlyList<Fragment> Paginate(Block content, PageGeometry page, PageDecoration? header, PageDecoration? footer, FootnoteArea? footnotes = null)
    {
        var bodies = Flow(content, page, footnotes);
        var pages = new List<Fragment>(bodies.Count);
        for (var i = 0; i < bodies.Count; i++)
        {
            var sheet = new Fragment(page.Width, page.Height);
            if (header?.Invoke(i + 1, bodies.Count, page.ContentWidth) is { } h) sheet.Add(h, page.Margin, page.Margin);
            sheet.Add(bodies[i], page.Margin, page.ContentTop);
            if (footer?.Invoke(i + 1, bodies.Count, page.ContentWidth) is { } f)
                sheet.Add(f, page.Margin, page.Height - page.Margin - f.Height);
            pages.Add(sheet);
        }
        return pages;
    }
}
