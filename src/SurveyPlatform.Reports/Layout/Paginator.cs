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

/// <summary>Flows a document's blocks into pages, then adds each page's header and footer (which need the page count).</summary>
internal static class Paginator
{
    public static IReadOnlyList<Fragment> Flow(Block content, PageGeometry page)
    {
        var pages = new List<Fragment>();
        Block? rest = content;
        while (rest is not null)
        {
            var placement = rest.Place(new Space(page.ContentWidth, page.ContentHeight, PageTop: true));
            if (placement.Placed is null)
                throw new InvalidOperationException("A block placed nothing at the top of an empty page.");
            pages.Add(placement.Placed);
            rest = placement.Rest;
            if (pages.Count > 2000) throw new InvalidOperationException("The document does not end (more than 2,000 pages).");
        }
        return pages;
    }

    /// <summary>Whole pages: the flowed content with the header above and the footer below it.</summary>
    public static IReadOnlyList<Fragment> Paginate(Block content, PageGeometry page, PageDecoration? header, PageDecoration? footer)
    {
        var bodies = Flow(content, page);
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
