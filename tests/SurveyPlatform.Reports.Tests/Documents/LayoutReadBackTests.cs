using System.Text.RegularExpressions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Reports.Tests.Pdf;
using UglyToad.PdfPig;

namespace SurveyPlatform.Reports.Tests.Documents;

/// <summary>
/// Every document in every language read back from the PDF with positions: footnotes at the foot of the page that
/// shows their marks and meaning the same throughout, no heading left at a page foot, no nearly empty page, Arabic
/// signs on the left of their numbers, Chinese punctuation full width.
/// </summary>
public partial class LayoutReadBackTests
{
    public static readonly TheoryData<string, ReportKind, string> Documents = Build();

    private static TheoryData<string, ReportKind, string> Build()
    {
        var data = new TheoryData<string, ReportKind, string>();
        foreach (var language in new[] { "en", "es", "zh-Hans", "vi", "ar", "ht" })
        {
            foreach (var kind in new[] { ReportKind.Brief, ReportKind.Full, ReportKind.Annex })
            {
                foreach (var sample in new[] { "trends", "small" })
                    data.Add(language, kind, sample);
            }

            data.Add(language, ReportKind.Questionnaire, "trends");
        }
        return data;
    }

    private static readonly Dictionary<(string, ReportKind, string), byte[]> Rendered = [];

    internal static byte[] Render(string language, ReportKind kind, string sample)
    {
        lock (Rendered)
        {
            if (Rendered.TryGetValue((language, kind, sample), out var pdf)) return pdf;
            var request = sample == "small" ? Samples.Request(kind, language, SmallSample.Report.Value) : Samples.Request(kind, language);
            return Rendered[(language, kind, sample)] = RenderingTests.RenderAndKeep(request, $"{kind.ToString().ToLowerInvariant()}-{language}-{sample}-readback.pdf");
        }
    }

    internal static List<PageLayout> Pages(string language, ReportKind kind, string sample)
    {
        using var document = PdfDocument.Open(Render(language, kind, sample));
        return document.GetPages().Select(p => new PageLayout(p, language == "ar")).ToList();
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_footnote_is_on_the_page_of_its_mark_and_every_mark_has_its_note(string language, ReportKind kind, string sample)
    {
        var pages = Pages(language, kind, sample);
        var meanings = new Dictionary<string, HashSet<string>>();
        foreach (var page in pages)
        {
            var notes = page.Notes.ToList();
            Assert.True(page.Marks.SetEquals(notes.Select(n => n.Mark)),
                $"page {page.Page.Number}: marks [{string.Join(",", page.Marks.Order())}] but notes [{string.Join(",", notes.Select(n => n.Mark))}]");
            if (page.Footnotes.Count > 0 && page.Body.Count > 0)
                Assert.True(page.Footnotes[0].Y < page.Body[^1].Y, $"page {page.Page.Number}: a footnote stands above text of the page");
            foreach (var (mark, text) in notes)
            {
                if (!meanings.TryGetValue(mark, out var texts)) meanings[mark] = texts = [];
                texts.Add(PdfText.WithoutArabicMarks(Regex.Replace(text, @"\s+", "")));
            }
        }
        // One meaning per mark in the whole document (wrapped notes compare by their first line, which carries the mark).
        Assert.All(meanings, m => Assert.Single(m.Value));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void No_heading_is_the_last_line_of_a_page(string language, ReportKind kind, string sample)
    {
        foreach (var page in Pages(language, kind, sample))
        {
            if (page.Body.Count == 0) continue;
            var last = page.Body[^1];
            Assert.False(last.Bold && last.MaxSize >= 10.4, $"page {page.Page.Number} ends with the heading '{last.Text}'");
        }
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void No_page_but_the_last_is_nearly_empty(string language, ReportKind kind, string sample)
    {
        var pages = Pages(language, kind, sample);
        foreach (var page in pages.SkipLast(1))
            Assert.True(page.Filled > 0.45, $"page {page.Page.Number} of {pages.Count} is only {page.Filled:P0} filled");
    }

    [Theory]
    [InlineData(ReportKind.Brief)]
    [InlineData(ReportKind.Full)]
    [InlineData(ReportKind.Annex)]
    public void Arabic_signed_numbers_keep_their_sign_on_the_left(ReportKind kind)
    {
        var signed = 0;
        foreach (var page in Pages("ar", kind, "trends").Concat(Pages("ar", kind, "small")))
        {
            foreach (var line in page.Body.Concat(page.Footnotes))
            {
                var letters = line.Letters;
                for (var i = 0; i < letters.Count; i++)
                {
                    if (letters[i].Value is not ("-" or "+")) continue;
                    var right = i + 1 < letters.Count ? letters[i + 1].Value : "";
                    var left = i > 0 ? letters[i - 1].Value : "";
                    if (right.Length == 1 && char.IsAsciiDigit(right[0])) { signed++; continue; }
                    // A sign drawn to the right of a number ("3-") reads as a different number in a right-to-left line.
                    Assert.False(left.Length == 1 && char.IsAsciiDigit(left[0]) && !(right.Length == 1 && char.IsAsciiLetterOrDigit(right[0])),
                        $"page {page.Page.Number}: a sign after its number in '{line.Text}'");
                }
            }
        }
        if (kind != ReportKind.Annex) Assert.True(signed > 5, $"only {signed} signed numbers were read back");
    }

    [Theory]
    [InlineData(ReportKind.Brief)]
    [InlineData(ReportKind.Full)]
    [InlineData(ReportKind.Annex)]
    [InlineData(ReportKind.Questionnaire)]
    public void Chinese_punctuation_is_full_width_next_to_Chinese_text(ReportKind kind)
    {
        foreach (var sample in new[] { "trends", "small" })
        {
            foreach (var page in Pages("zh-Hans", kind, sample))
            {
                foreach (var line in page.Body.Concat(page.Footnotes))
                {
                    var text = line.Text;
                    Assert.False(AsciiAfterChinese().IsMatch(text) || AsciiBeforeChinese().IsMatch(text),
                        $"page {page.Page.Number}: ASCII punctuation beside Chinese in '{text}'");
                }
            }
        }
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}\s?[,.:;!?)]")]
    private static partial Regex AsciiAfterChinese();

    /// <summary>ASCII punctuation before Chinese, except after a Latin letter or digit (initials "A. 与", numbering "1.").</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9])[,.;:!?(]\s?\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex AsciiBeforeChinese();
}
