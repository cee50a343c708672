using UglyToad.PdfPig;

namespace SurveyPlatform.Cli.Tests;

public class ReportCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Responses()
    {
        var file = _cli.PathOf("responses.csv");
        Assert.Equal(0, _cli.Run("generate", "-d", _cli.Definition, "--n", "1500", "--seed", "4", "--waves", "2026-Q1,2026-Q2", "--out", file).ExitCode);
        return file;
    }

    [Theory]
    [InlineData("brief", "en", 2, 4)]
    [InlineData("annex", "ar", 1, 1)]
    [InlineData("full", "es", 5, 200)]
    public void Writes_each_kind_of_report_as_a_pdf_with_real_text(string kind, string lang, int minPages, int maxPages)
    {
        var pdf = _cli.PathOf($"{kind}-{lang}.pdf");
        var result = _cli.Run("report", "-d", _cli.Definition, "-r", Responses(), "--kind", kind, "--lang", lang,
            "--org", "Riverside Immigrant Rights Coalition", "--out", pdf);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"Wrote {kind}-{lang}.pdf", result.Out);
        using var document = PdfDocument.Open(pdf);
        Assert.InRange(document.NumberOfPages, minPages, maxPages);
        Assert.Equal("Riverside Immigrant Rights Coalition", document.Information.Author);
        Assert.Contains("Riverside Immigrant Rights Coalition", string.Concat(document.GetPages().Select(p => p.Text)));
    }

    [Fact]
    public void An_unknown_language_is_invalid_input_with_the_allowed_ones()
    {
        var result = _cli.Run("report", "-d", _cli.Definition, "-r", Responses(), "--lang", "fr", "--out", _cli.PathOf("x.pdf"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("fr", result.Error);
        Assert.Contains("es", result.Error);
        Assert.False(File.Exists(_cli.PathOf("x.pdf")));
    }
}
