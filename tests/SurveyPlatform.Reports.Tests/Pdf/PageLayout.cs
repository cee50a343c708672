using UglyToad.PdfPig.Content;

namespace SurveyPlatform.Reports.Tests.Pdf;

/// <summary>One line of text as drawn: its baseline (PDF points from the bottom), letters left to right, and its largest type size.</summary>
internal sealed record DrawnLine(double Y, IReadOnlyList<Letter> Letters)
{
    public string Text => string.Concat(Letters.Select(l => l.Value));
    public double MaxSize => Letters.Max(l => l.PointSize);
    public bool Bold => Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).All(l => l.FontName?.Contains("Bold", StringComparison.OrdinalIgnoreCase) == true);
}

/// <summary>A report page read back from the PDF the way a reader sees it: body, footnotes at its foot, running header and footer.</summary>
internal sealed class PageLayout
{
    /// <summary>Sizes of footnote marks: 0.7 of the big numbers, body text, table cells and chart labels they follow.</summary>
    private static readonly double[] MarkSizes = [24 * 0.7, 9.5 * 0.7, 7.8 * 0.7, 8 * 0.7, 7.5 * 0.7];
    private const double FootnoteSize = 7.5;
    private const double Margin = 50, Decoration = 26;

    public PageLayout(Page page, bool rtl)
    {
        Page = page;
        Rtl = rtl;
        var visible = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value) && !IsFormat(l.Value)).ToList();
        var lines = visible.GroupBy(l => Math.Round(l.StartBaseLine.Y * 2) / 2).OrderByDescending(g => g.Key)
            .Select(g => new DrawnLine(g.Key, g.OrderBy(l => l.StartBaseLine.X).ToList())).ToList();
        // Footer and running header: small lines in the page margins.
        Footer = lines.Where(l => l.Y < Margin + Decoration).ToList();
        Header = page.Number == 1 ? [] : lines.Where(l => l.Y > page.Height - Margin - Decoration && l.MaxSize <= 7.6).ToList();
        var rest = lines.Except(Footer).Except(Header).ToList();
        // Footnotes: the lines in footnote type at the foot of the body, from the first that starts with a mark letter
        // (bold, followed by a space; at the right in Arabic); a note's further lines follow it.
        var trailing = rest.AsEnumerable().Reverse().TakeWhile(l => Math.Abs(l.MaxSize - FootnoteSize) < 0.05).Reverse().ToList();
        var start = trailing.FindIndex(l => NoteMark(l) is not null);
        var notes = start < 0 ? [] : trailing.Skip(start).ToList();
        Footnotes = notes;
        Body = rest.Except(notes).Where(l => !l.Letters.All(IsMark)).ToList();
        Marks = rest.Except(notes).SelectMany(l => l.Letters).Where(IsMark).Select(l => l.Value).ToHashSet();
    }

    public Page Page { get; }
    public bool Rtl { get; }
    public IReadOnlyList<DrawnLine> Footer { get; }
    public IReadOnlyList<DrawnLine> Header { get; }
    public IReadOnlyList<DrawnLine> Body { get; }
    public IReadOnlyList<DrawnLine> Footnotes { get; }
    /// <summary>The footnote marks drawn in the body (a, b, …).</summary>
    public IReadOnlySet<string> Marks { get; }

    /// <summary>The notes at the page foot: mark and text (text as drawn, not reordered).</summary>
    public IEnumerable<(string Mark, string Text)> Notes => Footnotes.Where(l => NoteMark(l) is not null).Select(l => (NoteMark(l)!, l.Text));

    /// <summary>How far down the page the body reaches, as a share of the room between header and footer.</summary>
    public double Filled
    {
        get
        {
            if (Body.Count == 0) return 0;
            var top = Page.Height - Margin - Decoration;
            var bottom = Margin + Decoration;
            return (top - Body[^1].Y) / (top - bottom);
        }
    }

    private string? NoteMark(DrawnLine line)
    {
        var letters = line.Letters;
        if (letters.Count < 2) return null;
        var ordered = Rtl ? letters.Reverse().ToList() : letters.ToList();
        double Gap(int i) => Rtl ? ordered[i].StartBaseLine.X - ordered[i + 1].EndBaseLine.X : ordered[i + 1].StartBaseLine.X - ordered[i].EndBaseLine.X;
        bool MarkLetter(int i) => ordered[i].Value.Length == 1 && char.IsAsciiLetterLower(ordered[i].Value[0])
            && ordered[i].FontName?.Contains("Bold", StringComparison.OrdinalIgnoreCase) == true;
        if (!MarkLetter(0)) return null;
        // Marks may have two letters (aa, ab, …); the mark is followed by an en space.
        var length = ordered.Count > 2 && MarkLetter(1) && Gap(0) < 0.5 ? 2 : 1;
        if (Gap(length - 1) < 2.5) return null;
        return Rtl ? string.Concat(ordered.Take(length).Reverse().Select(l => l.Value)) : string.Concat(ordered.Take(length).Select(l => l.Value));
    }

    private static bool IsMark(Letter letter) =>
        letter.Value.Length == 1 && char.IsAsciiLetterLower(letter.Value[0]) && MarkSizes.Any(s => Math.Abs(letter.PointSize - s) < 0.03);

    private static bool IsFormat(string value) => value.All(c => c is '\u200E' or '\u200F' or '\u061C' or '\u200B');
}
