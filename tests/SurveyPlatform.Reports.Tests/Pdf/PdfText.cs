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

    public static string LogicalLine(IReadOnlyList<Letter> visual)
    {
        // Split into runs of left-to-right (digits, Latin) and the rest, then reverse the order of runs and of letters in right-to-left runs.
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
        return builder.ToString().Replace("\u200F", "").Replace("\u061C", "").Trim();
    }
}
