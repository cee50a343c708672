using UglyToad.PdfPig;

namespace SurveyPlatform.Reports.Tests.Documents;

/// <summary>Every document in every shipped language renders, with the designed page count and no missing glyph.</summary>
public class RenderingTests
{
    public static readonly TheoryData<string> Languages = ["en", "es", "zh-Hans", "vi", "ar", "ht"];

    /// <summary>Rendered PDFs are also left here, for people to look at.</summary>
    public static readonly string OutputDirectory = Path.Combine(AppContext.BaseDirectory, "rendered");

    internal static byte[] RenderAndKeep(ReportRequest request, string name)
    {
        var pdf = ReportRenderer.Render(request, out var missing);
        Assert.Equal("", missing);
        Directory.CreateDirectory(OutputDirectory);
        File.WriteAllBytes(Path.Combine(OutputDirectory, name), pdf);
        return pdf;
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_brief_has_two_to_four_pages(string language)
    {
        foreach (var (report, name) in new[] { (Samples.WithTrends, "trends"), (Samples.SingleWave, "single") })
        {
            var pdf = RenderAndKeep(Samples.Request(ReportKind.Brief, language, report), $"brief-{language}-{name}.pdf");
            using var document = PdfDocument.Open(pdf);
            Assert.InRange(document.NumberOfPages, 2, 4);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_annex_has_one_page(string language)
    {
        var pdf = RenderAndKeep(Samples.Request(ReportKind.Annex, language), $"annex-{language}.pdf");
        using var document = PdfDocument.Open(pdf);
        Assert.Equal(1, document.NumberOfPages);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_full_report_renders(string language)
    {
        var pdf = RenderAndKeep(Samples.Request(ReportKind.Full, language), $"full-{language}.pdf");
        using var document = PdfDocument.Open(pdf);
        Assert.True(document.NumberOfPages > 5);
    }

    [Theory]
    [InlineData("vi")]
    [InlineData("ar")]
    public void The_annex_stays_on_one_page_with_a_long_organization_name_and_address(string language)
    {
        var request = Samples.Request(ReportKind.Annex, language) with
        {
            Organization = "Coalition of Community Organizations for Immigrant Rights, Legal Aid and Public Safety of the Greater Riverside Region",
            PublicResultsUrl = "https://results.example.org/surveys/community-trust/riverside-county/2026/spring/public-results-page",
            Place = "Riverside County, including the cities of Riverside, Moreno Valley, Corona and Jurupa Valley",
        };
        using var document = PdfDocument.Open(RenderAndKeep(request, $"annex-{language}-long.pdf"));
        Assert.Equal(1, document.NumberOfPages);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void A_brief_with_withheld_figures_still_has_two_to_four_pages(string language)
    {
        var pdf = RenderAndKeep(Samples.Request(ReportKind.Brief, language, SmallSample.Report.Value), $"brief-{language}-small.pdf");
        using var document = PdfDocument.Open(pdf);
        Assert.InRange(document.NumberOfPages, 2, 4);
    }
}
