using SurveyPlatform.Reports.Tests.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace SurveyPlatform.Reports.Tests.Documents;

/// <summary>PDF metadata, text in every script read back, parallel rendering, and clear refusals of bad requests.</summary>
public class DocumentPropertiesTests
{
    [Theory]
    [InlineData(ReportKind.Brief, "en", "Community trust and reporting survey: Brief for police leadership")]
    [InlineData(ReportKind.Annex, "es", "Encuesta sobre confianza comunitaria y denuncias: Hallazgos clave para defensores")]
    [InlineData(ReportKind.Full, "zh-Hans", "社区信任与报案调查: 技术报告")]
    [InlineData(ReportKind.Brief, "ar", "استطلاع الثقة المجتمعية والإبلاغ: موجز لقيادة الشرطة")]
    public void Metadata_names_title_author_language_and_creator(ReportKind kind, string language, string title)
    {
        using var document = PdfDocument.Open(ReportRenderer.Render(Samples.Request(kind, language)));
        Assert.Equal(title, document.Information.Title);
        Assert.Equal(Samples.Organization, document.Information.Author);
        Assert.Equal("SurveyPlatform 0.1.0", document.Information.Creator);
        Assert.True(document.Structure.Catalog.CatalogDictionary.TryGet<StringToken>(NameToken.Create("Lang"), out var lang));
        Assert.Equal(language, lang!.Data);
    }

    [Fact]
    public void Chinese_labels_extract_as_written()
    {
        using var document = PdfDocument.Open(ReportRenderer.Render(Samples.Request(ReportKind.Brief, "zh-Hans")));
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        foreach (var label in new[] { "致警方领导层的简报", "关键数据", "受害者寒蝉效应", "报案率", "信任分数", "调查方法" })
            Assert.Contains(label, text);
    }

    [Fact]
    public void Arabic_labels_extract_as_written()
    {
        using var document = PdfDocument.Open(ReportRenderer.Render(Samples.Request(ReportKind.Brief, "ar")));
        // Vowel marks are drawn offset from their letters and read back apart from them; compare the letters.
        var lines = document.GetPages().SelectMany(p => PdfText.Logical(p).Split('\n')).Select(PdfText.WithoutArabicMarks).ToList();
        foreach (var label in new[] { "موجز لقيادة الشرطة", "الأرقام الرئيسية", "إحجام الضحايا", "معدل الإبلاغ", "كيف أُجري الاستطلاع" })
            Assert.Contains(lines, l => l.Contains(PdfText.WithoutArabicMarks(label), StringComparison.Ordinal));
    }

    [Fact]
    public void Vietnamese_diacritics_extract_as_written()
    {
        using var document = PdfDocument.Open(ReportRenderer.Render(Samples.Request(ReportKind.Brief, "vi")));
        var text = string.Concat(document.GetPages().Select(p => p.Text)).Normalize(System.Text.NormalizationForm.FormC);
        foreach (var label in new[] { "Bản tóm tắt cho lãnh đạo cảnh sát", "Số liệu chính", "Những con số này nói được gì và không nói được gì" })
            Assert.Contains(label, text);
    }

    [Fact]
    public void Eight_reports_render_in_parallel()
    {
        var requests = Enumerable.Range(0, 8).Select(i => Samples.Request((ReportKind)(i % 3), RenderingTests.Languages.ElementAt(i % 6).Data)).ToList();
        var results = new byte[8][];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = ReportRenderer.Render(requests[i]));
        for (var i = 0; i < 8; i++)
        {
            using var document = PdfDocument.Open(results[i]);
            Assert.True(document.NumberOfPages >= 1);
            Assert.Equal(ReportRenderer.Render(requests[i]), results[i]);
        }
    }

    [Fact]
    public void The_same_request_renders_the_same_bytes()
    {
        var request = Samples.Request(ReportKind.Brief, "es");
        Assert.Equal(ReportRenderer.Render(request), ReportRenderer.Render(request));
    }

    [Fact]
    public void A_warm_up_renders_alongside_and_changes_nothing_a_later_render_produces()
    {
        var request = Samples.Request(ReportKind.Brief, "ar");
        var before = ReportRenderer.Render(request);
        var warmUps = new[] { (ReportKind.Brief, "ar"), (ReportKind.Full, "es"), (ReportKind.Annex, "zh-Hans"), (ReportKind.Brief, "fr") };
        byte[]? during = null;
        Parallel.Invoke(
            () => Parallel.ForEach(warmUps, w => ReportRenderer.WarmUp(Samples.Survey, w.Item1, w.Item2)),
            () => during = ReportRenderer.Render(request));
        Assert.Equal(before, during);
        Assert.Equal(before, ReportRenderer.Render(request));
    }

    [Theory]
    [InlineData("fr", "Reports cannot be written in 'fr'; allowed: en, es, zh-Hans, vi, ar, ht")]
    [InlineData("", "Reports cannot be written in ''")]
    public void An_unknown_language_is_refused_with_the_allowed_ones(string language, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ReportRenderer.Render(Samples.Request(ReportKind.Brief, language)));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Regional_and_script_tags_use_their_language()
    {
        using var mexican = PdfDocument.Open(ReportRenderer.Render(Samples.Request(ReportKind.Annex, "es-MX")));
        Assert.Contains("Hallazgos clave para defensores", mexican.GetPage(1).Text);
        using var chinese = PdfDocument.Open(ReportRenderer.Render(Samples.Request(ReportKind.Annex, "zh-CN")));
        Assert.Contains("供倡导者参考的主要发现", chinese.GetPage(1).Text);
    }

    [Fact]
    public void A_blank_organization_or_a_bad_results_address_is_refused()
    {
        var noOrganization = Samples.Request(ReportKind.Annex, "en") with { Organization = " " };
        Assert.Contains("Organization", Assert.Throws<ArgumentException>(() => ReportRenderer.Render(noOrganization)).Message);
        var badUrl = Samples.Request(ReportKind.Annex, "en") with { PublicResultsUrl = "javascript:alert(1)" };
        Assert.Contains("http or https", Assert.Throws<ArgumentException>(() => ReportRenderer.Render(badUrl)).Message);
    }

    [Fact]
    public void Without_a_results_address_the_annex_has_no_QR_code_and_still_one_page()
    {
        var request = Samples.Request(ReportKind.Annex, "en") with { PublicResultsUrl = null };
        using var document = PdfDocument.Open(ReportRenderer.Render(request));
        Assert.Equal(1, document.NumberOfPages);
        Assert.DoesNotContain("results.example.org", document.GetPage(1).Text);
    }

    [Fact]
    public void The_annex_prints_the_reproducibility_facts()
    {
        using var document = PdfDocument.Open(ReportRenderer.Render(Samples.Request(ReportKind.Annex, "en")));
        var text = document.GetPage(1).Text;
        Assert.Contains(Samples.WithTrends.InputSha256!, text);
        Assert.Contains("SurveyPlatform 0.1.0", text);
        Assert.Contains("May 4, 2026", text);
        Assert.Contains(Samples.ResultsUrl, text);
    }
}
