using System.Text;
using UglyToad.PdfPig.Content;

namespace SurveyPlatform.Reports.Tests.Pdf;

/// <summary>Reads text back from PDF pages the way a reader would see it.</summary>
internal static class PdfText
{
    /// <summary>
    /// Right-to-left text in logical order: PdfPig gives glyphs left to right as drawn, in Arabic
    /// presentation forms; reverse each right-to-left line and normalize the forms (NFKC) to letters.
    /// Runs of digits and Latin letters keep their left-to-right order.
    /// </summary>
    public static string Logical(Page page) => string.Join("\n", Lines(page).Select(LogicalLine));

    public static IEnumerable<IReadOnlyList<Letter>> Lines(Page page) =>
        page.Letters.GroupBy(l => Math.Round(l.StartBaseLine.Y)).OrderByDescending(g => g.Key)
            .Select(g => (IReadOnlyList<Letter>)g.OrderBy(l => l.StartBaseLine.X).ToList());

    /// <summary>The words of each text line, top to bottom, left to right.</summary>
    public static IReadOnlyList<IReadOnlyList<Word>> WordLines(Page page) =>
        page.GetWords().GroupBy(w => Math.Round(w.Letters[0].StartBaseLine.Y)).OrderByDescending(g => g.Key)
            .Select(g => (IReadOnlyList<Word>)g.OrderBy(w => w.BoundingBox.Left).ToList()).ToList();

    /// <summary>A line as text with single spaces between words.</summary>
    public static string Text(IReadOnlyList<Word> line) => string.Join(" ", line.Select(w => w.Text));

    /// <summary>Arabic letters without their vowel marks (harakat), normalized.</summary>
    public static string WithoutArabicMarks(string text) =>
        new(text.Normalize(NormalizationForm.FormKC).Where(c => c is not ((>= '\u064B' and <= '\u065F') or '\u0670')).ToArray());

    public static string LogicalLine(IReadOnlyList<Letter> visual)
    {
        var runs = new List<(bool Ltr, List<string> Letters)>();
        foreach (var letter in visual)
        {
            var text = letter.Value.Normalize(NormalizationForm.FormKC);
            var ltr = text.Length > 0 && (char.IsAsciiLetterOrDigit(text[0]) || (runs.Count > 0 && runs[^1].Ltr && text is "%" or "." or ","));
            if (runs.Count == 0 || runs[^1].Ltr != ltr) runs.Add((ltr, []));
            runs[^1].Letters.Add(text);
        }
        runs.Reverse();
        var builder = new StringBuilder();
        foreach (var (ltr, letters) in runs)
        {
            if (!ltr) letters.Reverse();
            foreach (var l in letters) builder.Append(l);
        }
        return builder.ToString().Replace("\u200F", "").Replace("\u200E", "").Replace("\u061C", "").Trim();
    }
}
