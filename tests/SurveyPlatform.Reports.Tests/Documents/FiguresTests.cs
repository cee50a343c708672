using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Reports.Tests.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace SurveyPlatform.Reports.Tests.Documents;

/// <summary>The numbers read back from the PDFs are the engine's, rounded as displayed; withheld figures never show a number.</summary>
public class FiguresTests
{
    /// <summary>Display rounding computed here independently: whole percentages, half away from zero.</summary>
    private static string Percent(double share) => $"{(int)Math.Round(share * 100, MidpointRounding.AwayFromZero)}%";

    private static string Whole(double value) => ((int)Math.Round(value, MidpointRounding.AwayFromZero)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private static string Shown(IndicatorResult r, double v) => r.Kind == IndicatorKind.Mean ? Whole(v) : Percent(v);

    /// <summary>Words in the box below a card label (the card's column, down to the next card row).</summary>
    private static List<string> CardWords(Page page, string label)
    {
        var words = page.GetWords().ToList();
        var first = label.Split(' ')[0];
        var anchor = words.First(w => w.Text == first && Following(words, w, label));
        var box = anchor.BoundingBox;
        return words.Where(w => w.BoundingBox.Left >= box.Left - 1 && w.BoundingBox.Left < box.Left + 100
                && w.BoundingBox.Top < box.Bottom && w.BoundingBox.Top > box.Bottom - 95)
            .Select(w => w.Text).ToList();
    }

    private static bool Following(List<Word> words, Word start, string label)
    {
        var line = words.Where(w => Math.Abs(w.BoundingBox.Bottom - start.BoundingBox.Bottom) < 1 && w.BoundingBox.Left >= start.BoundingBox.Left)
            .OrderBy(w => w.BoundingBox.Left).Select(w => w.Text);
        return string.Join(" ", line).StartsWith(label, StringComparison.Ordinal);
    }

    /// <summary>The brief's figure of an indicator: its latest wave (the data has two), as the engine computed it.</summary>
    private static Estimate Latest(IndicatorReport report, IndicatorResult result) =>
        report.Trends.FirstOrDefault(t => t.IndicatorId == result.Id)?.Waves[^1].Estimate
        ?? result.Groups.Single(g => g.By == "wave" && g.Value == report.Trends[0].Waves[^1].Value).Estimate;

    [Fact]
    public void The_brief_prints_each_headline_figure_of_the_latest_wave_and_its_interval_as_the_engine_computed_them()
    {
        var report = Samples.WithTrends;
        using var document = PdfDocument.Open(ReportRenderer.Render(Samples.Request(ReportKind.Brief, "en")));
        var page = document.GetPage(1);
        var headline = report.Indicators.Where(i => i.Definition.Headline && i.Kind != IndicatorKind.Difference).ToList();
        Assert.Equal(7, headline.Count);
        Assert.Contains("Figures are from the latest survey wave, 2026-Q2", page.Text);
        foreach (var result in headline)
        {
            var e = Latest(report, result);
            Assert.True(e.IsPresented);
            var words = CardWords(page, result.Definition.Label.Get("en"));
            Assert.Contains(Shown(result, e.Value!.Value), words);
            Assert.Contains($"{Shown(result, e.CiLow!.Value)}–{Shown(result, e.CiHigh!.Value)}", words);
            Assert.Contains(e.N!.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), words);
        }
    }

    [Fact]
    public void The_brief_prints_the_gaps_of_the_latest_wave_in_points_with_their_intervals()
    {
        var report = Samples.WithTrends;
        using var document = PdfDocument.Open(ReportRenderer.Render(Samples.Request(ReportKind.Brief, "en")));
        var text = string.Join("\n", document.GetPages().SelectMany(p => PdfText.WordLines(p)).Select(PdfText.Text));
        foreach (var id in new[] { "status_gap", "household_spillover" })
        {
            var e = Latest(report, report.Find(id)!);
            static string Signed(double d) => (int)Math.Round(d * 100, MidpointRounding.AwayFromZero) is var w && w > 0 ? $"+{w}" : w < 0 ? $"-{-w}" : "0";
            Assert.Contains($"{Signed(e.Value!.Value)} percentage points", text);
            Assert.Contains($"{Signed(e.CiLow!.Value)} to {Signed(e.CiHigh!.Value)}", text);
        }
    }

    [Fact]
    public void The_full_report_summary_row_of_each_indicator_has_the_engine_figures()
    {
        var report = Samples.WithTrends;
        using var document = PdfDocument.Open(ReportRenderer.Render(Samples.Request(ReportKind.Full, "en")));
        var lines = document.GetPages().Take(3).SelectMany(PdfText.WordLines).Select(PdfText.Text).ToList();
        foreach (var result in report.Indicators.Where(i => i.Kind != IndicatorKind.Difference))
        {
            var e = result.Overall;
            var label = result.Definition.Label.Get("en");
            var row = lines.First(l => l.StartsWith(label + " ", StringComparison.Ordinal));
            var expected = $"{label} {Shown(result, e.Value!.Value)} {Shown(result, e.CiLow!.Value)}–{Shown(result, e.CiHigh!.Value)} {e.N!.Value:N0}";
            Assert.StartsWith(expected, row);
        }
    }

    [Fact]
    public void The_annex_prints_three_findings_with_the_engine_figures()
    {
        var report = Samples.WithTrends;
        using var document = PdfDocument.Open(ReportRenderer.Render(Samples.Request(ReportKind.Annex, "en")));
        var words = document.GetPage(1).GetWords().Select(w => w.Text).ToList();
        var findings = Components.KeyFindingsComponent.Pick(report);
        Assert.Equal(3, findings.Count);
        foreach (var result in findings.Where(f => f.Kind != IndicatorKind.Difference))
        {
            Assert.Contains(Shown(result, result.Overall.Value!.Value), words);
            Assert.Contains($"{Shown(result, result.Overall.CiLow!.Value)}–{Shown(result, result.Overall.CiHigh!.Value)}", words);
        }
    }

    [Fact]
    public void A_group_withheld_for_privacy_shows_no_number_anywhere_in_the_full_report()
    {
        var report = SmallSample.Report.Value;
        Assert.All(report.Indicators.SelectMany(i => i.Groups).Where(g => g.By == "gender" && g.Value == "another"),
            g => Assert.Contains(Decisions.Privacy, g.Estimate.Reasons));
        var label = Samples.Survey.FindItem("gender")!.FindOption("another")!.Label.Get("en");
        using var document = PdfDocument.Open(ReportRenderer.Render(Samples.Request(ReportKind.Full, "en", report)));
        var rows = document.GetPages().SelectMany(PdfText.WordLines).Select(PdfText.Text).Where(l => l.StartsWith(label + " ", StringComparison.Ordinal)).ToList();
        Assert.Equal(report.Indicators.Count(i => i.Groups.Any(g => g.By == "gender" && g.Value == "another")), rows.Count);
        Assert.All(rows, row =>
        {
            var cells = row[label.Length..];
            Assert.Contains("—", cells);
            Assert.DoesNotMatch(@"\d", cells);
        });
    }

    [Fact]
    public void Withheld_estimates_in_the_full_report_have_no_interval_or_effective_size()
    {
        var report = SmallSample.Report.Value;
        var withheld = report.Indicators.Sum(i => i.Groups.Count(g => !g.Estimate.IsPresented) + (i.Overall.IsPresented ? 0 : 1));
        Assert.True(withheld > 10, $"the sample withholds only {withheld} figures");
        using var document = PdfDocument.Open(ReportRenderer.Render(Samples.Request(ReportKind.Full, "en", report)));
        var checkedRows = 0;
        foreach (var page in document.GetPages())
        {
            List<(string Header, double Right)>? columns = null;
            foreach (var line in PdfText.WordLines(page))
            {
                var texts = line.Select(w => w.Text).ToList();
                if (texts.Contains("Estimate") || texts.Contains("Difference"))
                {
                    columns = HeaderColumns(line);
                    continue;
                }
                if (columns is null) continue;
                string Cell(string header)
                {
                    var right = columns.FirstOrDefault(c => c.Header == header).Right;
                    return right == 0 ? "" : string.Concat(line.Where(w => Math.Abs(w.BoundingBox.Right - right) < 6).Select(w => w.Text));
                }
                var estimate = Cell("Estimate") + Cell("Difference");
                if (!estimate.StartsWith('—')) continue;
                checkedRows++;
                Assert.DoesNotMatch(@"\d", Cell("95% CI"));
                Assert.DoesNotMatch(@"\d", Cell("n_eff"));
                Assert.DoesNotMatch(@"\d", Cell("Clear?"));
            }
        }
        Assert.True(checkedRows >= withheld, $"found {checkedRows} withheld rows, expected at least {withheld}");
    }

    /// <summary>Column headers and the right edge they share with their cells (headers and figures are set flush right).</summary>
    private static List<(string Header, double Right)> HeaderColumns(IReadOnlyList<Word> line)
    {
        var columns = new List<(string, double)>();
        for (var i = 0; i < line.Count; i++)
        {
            var text = line[i].Text;
            var right = line[i].BoundingBox.Right;
            if (text == "95%" && i + 1 < line.Count && line[i + 1].Text == "CI") { text = "95% CI"; right = line[++i].BoundingBox.Right; }
            columns.Add((text, right));
        }
        return columns;
    }
}
