using SurveyPlatform.Reports.Components;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Documents;

/// <summary>
/// Cards to cut out, two columns by four rows on a page, dashed cut lines. Every word is set by the report engine
/// (shipped fonts, shaping, right to left in Arabic) and fits inside its card: text that would not fit is set smaller,
/// and the address breaks only between its parts (after "/", ".", "-", "=", before "#"), never inside a word.
/// </summary>
internal sealed class CodeCardsDocument(ReportContext context, CodeCardRequest request)
{
    public const int Columns = 2, Rows = 4;
    public const float Margin = 36, Padding = 10;

    public static PageGeometry Geometry(ReportPageSize size) => size == ReportPageSize.A4
        ? new PageGeometry(595.28f, 841.89f, Margin, 0, 0)
        : new PageGeometry(612, 792, Margin, 0, 0);

    private string Title => request.Survey?.Title.Get(context.Language)
        ?? (string.IsNullOrWhiteSpace(request.Title) ? context.S("card_title") : request.Title!);

    public Block Compose(PageGeometry page)
    {
        var width = page.ContentWidth / Columns;
        var height = page.ContentHeight / Rows;
        var blocks = new List<Block>();
        var perPage = Columns * Rows;
        for (var first = 0; first < request.Cards.Count; first += perPage)
        {
            if (first > 0) blocks.Add(new PageBreak());
            var cards = request.Cards.Skip(first).Take(perPage).ToList();
            blocks.Add(new Stack(cards.Chunk(Columns).Select(row =>
            {
                var cells = row.Select(c => (Block)Card(c, width, height)).ToList();
                while (cells.Count < Columns) cells.Add(new Spacer(0));
                return (Block)new Row(cells, context.Rtl, 0);
            }).ToList()));
        }
        return new Stack(blocks);
    }

    private Drawing Card(CodeCard card, float width, float height) => new(height, w =>
    {
        var fragment = new Fragment(w, height);
        var border = SkiaSharp.SKColor.Parse("#8A949E");
        fragment.Add(new LineOp(new(0, 0), new(w, 0), border, 0.6f, Dashed: true));
        fragment.Add(new LineOp(new(0, height), new(w, height), border, 0.6f, Dashed: true));
        fragment.Add(new LineOp(new(0, 0), new(0, height), border, 0.6f, Dashed: true));
        fragment.Add(new LineOp(new(w, 0), new(w, height), border, 0.6f, Dashed: true));
        var inner = w - 2 * Padding;
        var room = height - 2 * Padding;
        // Set smaller until everything fits inside the card.
        foreach (var scale in new[] { 1f, 0.9f, 0.8f, 0.7f, 0.6f })
        {
            var content = Content(card, inner, scale).Measure(inner);
            if ((content.Height <= room && AddressFits(card, inner, scale)) || scale <= 0.6f)
            {
                fragment.Add(content, Padding, Padding);
                break;
            }
        }
        return fragment;
    });

    private static float QrSize(float scale) => 86 * scale;

    private static TextStyle UrlStyle(float scale) => Typography.Small.WithColor(Typography.Accent) with { Size = Typography.Small.Size * scale };

    /// <summary>Every part of the address fits on a line of the card's text column (else a word would be cut).</summary>
    private bool AddressFits(CodeCard card, float width, float scale)
    {
        var textWidth = width - QrSize(scale) - 10;
        return Address(CodeCardRequest.Link(request.SurveyAddress, card.Code), UrlStyle(scale), textWidth)
            .Split('\n').All(line => Width(line, UrlStyle(scale)) <= textWidth);
    }

    private Block Content(CodeCard card, float width, float scale)
    {
        TextStyle S(TextStyle style) => style with { Size = style.Size * scale };
        var link = CodeCardRequest.Link(request.SurveyAddress, card.Code);
        var qrSize = QrSize(scale);
        var textWidth = width - qrSize - 10;
        var urlStyle = UrlStyle(scale);
        var text = new Stack(
        [
            context.Text(context.S("card_scan"), S(Typography.Small.WithColor(Typography.Ink))),
            new Paragraph([new Span(Address(link, urlStyle, textWidth), urlStyle)], false, "en", context.Rtl ? TextAlign.End : TextAlign.Start),
            context.Text(context.S("card_code"), S(Typography.Small.WithColor(Typography.Ink))),
            new Paragraph([new Span(card.Printed, S(Typography.BigNumber.WithSize(17)))], false, "en", context.Rtl ? TextAlign.End : TextAlign.Start),
            context.Text(context.S("card_valid"), S(Typography.Small)),
        ], 3 * scale);
        return new Stack(
        [
            context.Text(Title, S(Typography.CardLabel.WithSize(10.5f))),
            new Row([QrCode.Block(link, qrSize), text], context.Rtl, 10, [qrSize, textWidth]),
        ], 6 * scale);
    }

    /// <summary>
    /// The address with line breaks only between its parts, so that no word is cut: after "/", ".", "-", "=", before "#".
    /// A part wider than a line is left whole (the card is then set smaller).
    /// </summary>
    internal static string Address(string url, TextStyle style, float width)
    {
        // Break after "/" and "=" and before "#" when that is enough; after "." and "-" only when a part is still too wide.
        var coarse = Address(url, style, width, "/=");
        return coarse.Split('\n').All(line => Width(line, style) <= width) ? coarse : Address(url, style, width, "/=.-");
    }

    private static string Address(string url, TextStyle style, float width, string breaks)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < url.Length; i++)
        {
            var breakAfter = breaks.Contains(url[i]) && !(url[i] == '/' && i + 1 < url.Length && url[i + 1] == '/');
            var breakBefore = i + 1 < url.Length && url[i + 1] == '#';
            if (breakAfter || breakBefore)
            {
                parts.Add(url[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < url.Length) parts.Add(url[start..]);
        var lines = new List<string>();
        var line = "";
        foreach (var part in parts)
        {
            if (line.Length > 0 && Width(line + part, style) > width)
            {
                lines.Add(line);
                line = "";
            }
            line += part;
        }
        if (line.Length > 0) lines.Add(line);
        return string.Join("\n", lines);
    }

    private static float Width(string text, TextStyle style) => new ShapedText([new Span(text, style)], false, "en").NaturalWidth;
}
