using System.Text;
using SkiaSharp;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Pdf;
using SurveyPlatform.Reports.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace SurveyPlatform.Reports.Tests.Pdf;

public class PdfWriterTests
{
    private static readonly TextStyle Body = new(11, SKColors.Black);

    private static byte[] Write(string language, bool rtl, params string[] paragraphs)
    {
        var content = new Stack(paragraphs.Select(t => (Block)new Paragraph([new Span(t, Body)], rtl, language)).ToList(), 6);
        var pages = Paginator.Paginate(content, PageGeometry.Letter, null, null);
        return PdfWriter.Write(pages, new PdfInfo("Title", "Org", "Subject", language, rtl, new DateTime(2026, 3, 1), "SurveyPlatform"));
    }

    [Fact]
    public void Text_is_real_text_in_subsetted_fonts()
    {
        var pdf = Write("en", false, "Victim chill 42% (95% CI 37%–47%)");
        using var document = PdfDocument.Open(pdf);
        Assert.Contains("Victim chill 42% (95% CI 37%–47%)", document.GetPage(1).Text);
        Assert.True(pdf.Length < 40_000, $"{pdf.Length} bytes: the font was not subsetted");
    }

    [Fact]
    public void Chinese_text_extracts_as_written()
    {
        var pdf = Write("zh-Hans", false, "社区信任与报案调查");
        using var document = PdfDocument.Open(pdf);
        Assert.Contains("社区信任与报案调查", document.GetPage(1).Text);
        Assert.True(pdf.Length < 60_000, $"{pdf.Length} bytes");
    }

    [Fact]
    public void Arabic_text_extracts_as_written_once_presentation_forms_are_normalized()
    {
        const string text = "استطلاع الثقة المجتمعية والإبلاغ";
        var pdf = Write("ar", true, text);
        using var document = PdfDocument.Open(pdf);
        Assert.Equal(text, PdfText.Logical(document.GetPage(1)));
    }

    [Fact]
    public void The_catalog_names_the_language_and_reading_direction()
    {
        using var document = PdfDocument.Open(Write("ar", true, "مرحبا"));
        var catalog = document.Structure.Catalog.CatalogDictionary;
        Assert.True(catalog.TryGet<StringToken>(NameToken.Create("Lang"), out var lang));
        Assert.Equal("ar", lang!.Data);
        Assert.Equal("Title", document.Information.Title);
        Assert.Equal("Org", document.Information.Author);
    }
}
