using UglyToad.PdfPig;

namespace SurveyPlatform.Reports.Tests.Documents;

/// <summary>Printed one-time code cards: every word inside its card, the address whole, any of the six languages.</summary>
public class CodeCardTests
{
    private static readonly CodeCard[] Cards =
        [.. Enumerable.Range(0, 10).Select(i => new CodeCard($"K7QF2M9XH{(char)('A' + i)}", $"K7QF2-M9XH{(char)('A' + i)}"))];

    private const string Address = "https://survey.example.org/s/eastside-community-trust-2026";

    private static byte[] Render(string language, string address = Address, string organization = "Eastside Neighbors")
    {
        var pdf = ReportRenderer.RenderCodeCards(new CodeCardRequest(address, Cards, language, organization) { Survey = Samples.Survey }, out var missing);
        Assert.Equal("", missing);
        Directory.CreateDirectory(RenderingTests.OutputDirectory);
        File.WriteAllBytes(Path.Combine(RenderingTests.OutputDirectory, $"codes-{language}.pdf"), pdf);
        return pdf;
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Languages), MemberType = typeof(RenderingTests))]
    public void Every_word_of_a_card_is_inside_the_card(string language)
    {
        using var document = PdfDocument.Open(Render(language));
        Assert.Equal(2, document.NumberOfPages);
        const double margin = 36, columns = 2, rows = 4;
        foreach (var page in document.GetPages())
        {
            var width = (page.Width - 2 * margin) / columns;
            var height = (page.Height - 2 * margin) / rows;
            foreach (var letter in page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)))
            {
                var box = letter.BoundingBox;
                if (box.Width == 0) continue;
                var column = Math.Floor((box.Left - margin) / width);
                var row = Math.Floor((page.Height - margin - box.Top) / height);
                Assert.InRange(column, 0, columns - 1);
                Assert.InRange(row, 0, rows - 1);
                // Inside the cell of the card it starts in, with the card's padding.
                Assert.True(box.Right <= margin + (column + 1) * width - 4, $"'{letter.Value}' runs out of its card on the right");
                Assert.True(box.Bottom >= page.Height - margin - (row + 1) * height + 4, $"'{letter.Value}' runs out of its card at the bottom");
            }
        }
    }

    [Theory]
    [InlineData("en", "Works once. Your answers are anonymous.")]
    [InlineData("es", "Sirve una sola vez. Sus respuestas son anónimas.")]
    [InlineData("zh-Hans", "仅可使用一次。您的回答是匿名的。")]
    [InlineData("vi", "Chỉ dùng được một lần. Câu trả lời của bạn là ẩn danh.")]
    [InlineData("ht", "Li mache yon sèl fwa. Repons ou yo anonim.")]
    public void A_card_speaks_the_language_chosen_for_it(string language, string line)
    {
        using var document = PdfDocument.Open(Render(language));
        var text = string.Join(" ", document.GetPage(1).GetWords().Select(w => w.Text));
        Assert.Contains(line.Replace(" ", ""), text.Replace(" ", ""));
        Assert.Contains(Samples.Survey.Title.Get(language).Replace(" ", ""), text.Replace(" ", ""));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public void The_address_is_printed_whole_with_the_code_in_its_fragment_and_breaks_only_between_its_parts(string language)
    {
        using var document = PdfDocument.Open(Render(language));
        var page = document.GetPage(1);
        var link = CodeCardRequest.Link(Address, Cards[0].Code);
        Assert.Equal($"{Address}#code=K7QF2M9XHA", link);
        // The address lines of the first card, top to bottom, joined, give the link; each line ends at a part boundary.
        // The first card: top left, or top right in Arabic.
        var middle = page.Width / 2;
        var top = page.Height - 36 - (page.Height - 72) / 4;
        var card = page.Letters.Where(l => (language == "ar" ? l.StartBaseLine.X > middle : l.StartBaseLine.X < middle) && l.StartBaseLine.Y > top);
        var lines = card.GroupBy(l => Math.Round(l.StartBaseLine.Y)).OrderByDescending(g => g.Key)
            .Select(g => string.Concat(g.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value)))
            .Where(l => l.Length > 0 && link.Contains(l, StringComparison.Ordinal)).ToList();
        var firstCard = new List<string>();
        foreach (var line in lines)
        {
            firstCard.Add(line);
            if (string.Concat(firstCard) == link) break;
        }
        Assert.Equal(link, string.Concat(firstCard));
        Assert.True(firstCard.Count >= 2);
        Assert.All(firstCard.SkipLast(1), l => Assert.True(l[^1] is '/' or '=' || link[link.IndexOf(l, StringComparison.Ordinal) + l.Length] == '#',
            $"the address breaks inside a word after '{l}'"));
        Assert.Contains(Cards[0].Printed, page.Text);
    }

    [Fact]
    public void A_long_address_and_a_long_title_still_fit_by_setting_the_card_smaller()
    {
        var pdf = ReportRenderer.RenderCodeCards(new CodeCardRequest(
            "https://community-safety-survey.riverside-immigrant-rights-coalition.example.org/s/riverside-county-spring-2026-community-trust",
            Cards, "vi", "Coalition")
        { Title = "Khảo sát cộng đồng về an toàn, sự tin tưởng và việc trình báo tội phạm ở quận Riverside" });
        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        var width = (page.Width - 72) / 2;
        Assert.All(page.Letters.Where(l => l.BoundingBox.Width > 0), l =>
            Assert.True(Math.Floor((l.BoundingBox.Left - 36) / width) == Math.Floor((l.BoundingBox.Right - 36.5) / width), $"'{l.Value}' crosses a card edge"));
    }

    [Fact]
    public void Bad_requests_are_refused_with_what_is_allowed()
    {
        Assert.Contains("allowed: en, es, zh-Hans, vi, ar, ht",
            Assert.Throws<ArgumentException>(() => ReportRenderer.RenderCodeCards(new CodeCardRequest(Address, Cards, "fr", "Org"))).Message);
        Assert.Contains("http or https",
            Assert.Throws<ArgumentException>(() => ReportRenderer.RenderCodeCards(new CodeCardRequest("javascript:x", Cards, "en", "Org"))).Message);
        Assert.Contains("no codes",
            Assert.Throws<ArgumentException>(() => ReportRenderer.RenderCodeCards(new CodeCardRequest(Address, [], "en", "Org"))).Message);
    }
}
