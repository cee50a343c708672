using System.Globalization;
using System.Text.RegularExpressions;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Reports.Tests.Pdf;
using UglyToad.PdfPig;

namespace SurveyPlatform.Reports.Tests.Documents;

/// <summary>
/// What a police chief, a task force reading an advocate's letter and a statistician read in the documents:
/// the latest wave and the whole trend, honest groups, comparable benchmarks, neutral words, limitations,
/// full citations, and what police leaders expect (areas over time, every reason, the actionable figure).
/// </summary>
public partial class ContentTests
{
    private static readonly Lazy<(ResponseTable Table, IndicatorReport Report)> ThreeWaves =
        new(() => Samples.Compute(2400, ["2026-Q1", "2026-Q2", "2026-Q3"], seed: 23));

    /// <summary>Words of every page joined with single spaces, so phrases that wrap can be found.</summary>
    internal static string Words(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().SelectMany(PdfText.WordLines).Select(PdfText.Text));
    }

    private static ReportRequest ThreeWaveRequest(ReportKind kind, string language = "en") =>
        Samples.Request(kind, language, ThreeWaves.Value.Report) with
        {
            // The counts by language and wave as a release publishes them (through disclosure control).
            ResponseCounts = ResponseCounts.From(Core.Disclosure.DisclosureControl.Publish(ThreeWaves.Value.Table, new EngineOptions { MinCell = 10, Breakdowns = [] },
                new Core.Disclosure.ReleaseOptions { CountsBy = [ResponseTable.Lang, ResponseTable.Wave] })),
        };

    private static string Shown(double share) => $"{(int)Math.Round(share * 100, MidpointRounding.AwayFromZero)}%";

    private static string Signed(double points) => (int)Math.Round(points * 100, MidpointRounding.AwayFromZero) is var w && w > 0 ? $"+{w}" : w < 0 ? $"-{-w}" : "0";

    [Fact]
    public void The_brief_headlines_the_latest_wave_and_shows_the_change_from_the_first_wave_to_the_last()
    {
        var report = ThreeWaves.Value.Report;
        var pdf = RenderingTests.RenderAndKeep(ThreeWaveRequest(ReportKind.Brief), "brief-en-three-waves.pdf");
        var text = Words(pdf);
        Assert.Contains("Figures are from the latest survey wave, 2026-Q3", text);
        Assert.Contains("compares the 3 waves from 2026-Q1 on", text);
        Assert.Contains("They combine the sites north, south", text);
        Assert.Contains("Change 2026-Q1", text);
        Assert.Contains("to 2026-Q3", text);
        var trend = report.Trends.Single(t => t.IndicatorId == "victim_chill");
        var waves = trend.Waves.Select(w => Shown(w.Estimate.Value!.Value));
        var row = $"Victim chill {string.Join(" ", waves)} {Signed(trend.FirstToLast!.Change.Value!.Value)}";
        Assert.Contains(row, text);
        // The card shows the latest wave, not all waves pooled.
        using var document = PdfDocument.Open(pdf);
        var cards = string.Join(" ", PdfText.WordLines(document.GetPage(1)).Select(PdfText.Text));
        Assert.Contains(Shown(trend.Waves[^1].Estimate.Value!.Value), cards);
        Assert.Contains($"n = {trend.Waves[^1].Estimate.N!.Value.ToString("N0", CultureInfo.InvariantCulture)}", cards);
    }

    [Fact]
    public void A_brief_of_one_period_says_nothing_of_waves_and_a_figure_pooling_waves_says_so()
    {
        var single = Words(ReportRenderer.Render(Samples.Request(ReportKind.Brief, "en", Samples.SingleWave)));
        Assert.DoesNotContain("latest survey wave", single);
        // Without a breakdown by wave the gaps can only pool the waves; the note says which figure that is.
        var pooled = Samples.Compute(1600, ["2025-Q4", "2026-Q2"], seed: 11);
        var report = IndicatorEngine.Compute(pooled.Table, new EngineOptions { Breakdowns = Samples.Breakdowns });
        var text = Words(ReportRenderer.Render(Samples.Request(ReportKind.Brief, "en", report)));
        Assert.Contains("All 2 waves together: this figure is not available for the latest wave alone.", text);
    }

    [Fact]
    public void Groups_never_asked_are_not_called_not_answered_and_impossible_gaps_are_not_applicable()
    {
        var (table, _) = Samples.Compute(1600, [], seed: 5);
        var report = IndicatorEngine.Compute(table, new EngineOptions { Breakdowns = [Breakdown.Of("status_group"), Breakdown.Of("born_here")] });
        var text = Words(ReportRenderer.Render(Samples.Request(ReportKind.Full, "en", report)));
        // The engine tells people never asked (born here) from people who skipped: each group has its own words.
        Assert.Matches(@"Immigration status .*not asked \d", text);
        Assert.DoesNotContain("not asked or not answered", text);
        // A gap by birthplace among people born here does not exist: "not applicable", without a privacy note.
        var gap = Regex.Match(text, @"Foreign-born vs born here .*?Born in this country Yes (\S+ \S+)");
        Assert.True(gap.Success, "the status gap's born-here row was not found");
        Assert.Equal("not applicable", gap.Groups[1].Value);

        // A report whose blanks were not split (an older data set) says both of its one blank group.
        var pooled = report with
        {
            Indicators = report.Indicators.Select(i => i with
            {
                Groups = i.Groups.Where(g => !(g.By == "status_group" && g.Value == GroupEstimate.NotAsked)).ToList(),
            }).ToList(),
        };
        var pooledText = Words(ReportRenderer.Render(Samples.Request(ReportKind.Full, "en", pooled)));
        Assert.Matches(@"Immigration status .*not asked or not answered", pooledText);
    }

    [Theory]
    [InlineData("en", "not asked", "not answered", "not applicable")]
    [InlineData("es", "no se preguntó", "sin respuesta", "no aplica")]
    [InlineData("zh-Hans", "未问及", "未作答", "不适用")]
    [InlineData("vi", "không được hỏi", "không trả lời", "không áp dụng")]
    [InlineData("ar", "لم يُسأل", "لم يُجب", "لا ينطبق")]
    [InlineData("ht", "yo pa t poze kesyon an", "pa reponn", "pa aplikab")]
    public void Not_asked_not_answered_and_not_applicable_have_words_in_every_language(string language, string notAsked, string notAnswered, string notApplicable)
    {
        Assert.Equal(notAsked, Localization.ReportStrings.Get("not_asked", language));
        Assert.Equal(notAnswered, Localization.ReportStrings.Get("not_answered", language));
        Assert.Equal(notApplicable, Localization.ReportStrings.Get("not_applicable", language));
    }

    [Fact]
    public void The_chart_names_each_base_and_n_and_keeps_other_studies_off_its_rows()
    {
        using var document = PdfDocument.Open(ReportRenderer.Render(Samples.Request(ReportKind.Brief, "en")));
        var page = document.GetPages().First(p => p.Text.Contains("Every share, with its uncertainty", StringComparison.Ordinal));
        var lines = PdfText.WordLines(page).Select(l => (Text: PdfText.Text(l), Y: l[0].BoundingBox.Bottom)).ToList();
        Assert.Contains(lines, l => l.Text.StartsWith("of crime victims (past 12 months) who answered · n = ", StringComparison.Ordinal));
        Assert.True(lines.Count(l => Regex.IsMatch(l.Text, @"^of all who answered · n = \d")) >= 8);
        var axis = lines.Single(l => l.Text == "% of the people named under each share");
        var theodore = lines.Single(l => l.Text.StartsWith("Theodore (2013): Latinos in 4 US counties", StringComparison.Ordinal));
        Assert.True(theodore.Y < axis.Y, "figures of other studies are drawn below our chart, not on its rows");
        Assert.Contains(lines, l => l.Text.StartsWith("random telephone survey, Nov.–Dec. 2012", StringComparison.Ordinal));
        // NCVS counts violent incidents, not victims: it is cited in words, never drawn.
        Assert.DoesNotContain(lines, l => l.Text.Contains("NCVS", StringComparison.Ordinal));
        Assert.Contains("is not drawn in the chart", Words(ReportRenderer.Render(Samples.Request(ReportKind.Brief, "en"))));
    }

    [Theory]
    [InlineData(ReportKind.Brief)]
    [InlineData(ReportKind.Full)]
    [InlineData(ReportKind.Annex)]
    public void The_wording_does_not_overclaim(ReportKind kind)
    {
        var text = Words(ReportRenderer.Render(Samples.Request(kind, "en")));
        foreach (var overclaim in new[] { "very likely lies", "Larger than chance", "Household spillover", "weighted to match the community's population", "true value" })
            Assert.DoesNotContain(overclaim, text);
        Assert.Contains("not a random sample", text);
    }

    [Fact]
    public void The_limitations_name_the_sample_the_intervals_many_comparisons_and_parallel_trends()
    {
        var text = Words(ReportRenderer.Render(Samples.Request(ReportKind.Full, "en")));
        Assert.Contains("What these numbers can and cannot say", text);
        Assert.Contains("Who answered: people reached through community organizations who chose to take part. This is not a random sample", text);
        Assert.Contains("What the intervals mean here", text);
        Assert.Matches(@"Many comparisons: this document tests \d+ differences", text);
        Assert.Contains("(parallel trends)", text);
        Assert.Contains("Associations, not causes", text);
        Assert.Contains("(Holm)?", text);
    }

    [Fact]
    public void Weighted_figures_show_the_effective_sample_size_and_what_the_weights_match()
    {
        var (table, _) = Samples.Compute(1600, ["2025-Q4", "2026-Q2"], seed: 11);
        var random = new Random(3);
        var weighted = table.WithWeights([.. Enumerable.Range(0, table.Count).Select(_ => 0.5 + random.NextDouble() * 2)]);
        var report = IndicatorEngine.Compute(weighted, new EngineOptions { Breakdowns = Samples.WaveBreakdowns, Did = ("north", "south") });
        var request = Samples.Request(ReportKind.Brief, "en", report) with
        {
            WeightingVariables = ["area", "gender"],
            WeightingMargins = [new WeightingMargin("gender", [new WeightingTarget("woman", 0.51, 700), new WeightingTarget("man", 0.47, 650), new WeightingTarget("another", 0.02, null)])],
        };
        var brief = Words(ReportRenderer.Render(request));
        Assert.Matches(@"n = [\d,]+ · effective n = [\d,]+", brief);
        Assert.Contains("answers were weighted to match the population on area, gender only", brief);
        var full = Words(ReportRenderer.Render(request with { Kind = ReportKind.Full }));
        Assert.Contains("Weighting Weighting: answers were weighted", full);
        Assert.Contains("Group Responses Share of responses Population share Woman 700", full);
    }

    [Theory]
    [InlineData("en", "If I were the victim of a crime, I would be less likely to contact the police")]
    [InlineData("es", "Si yo fuera víctima de un delito")]
    public void The_annex_stands_alone_with_who_how_when_the_questions_as_asked_and_a_full_citation(string language, string question)
    {
        var pdf = ReportRenderer.Render(Samples.Request(ReportKind.Annex, language));
        using (var document = PdfDocument.Open(pdf)) Assert.Equal(1, document.NumberOfPages);
        var text = Words(pdf);
        Assert.Contains(question, text);
        if (language != "en") return;
        Assert.Contains("Who: 1,600 people in Riverside County answered an anonymous survey", text);
        Assert.Contains("invited through community organizations; people chose to take part, so this is not a random sample", text);
        Assert.Contains("When: March 2, 2026 to April 12, 2026", text);
        Assert.Contains("Counted: Strongly agree / Somewhat agree, of all who answered", text);
        Assert.Contains("Riverside Immigrant Rights Coalition (2026). Community trust and reporting survey: Key findings for advocates. Survey version 1.0.0, 1,600 responses. Riverside County, March 2, 2026 to April 12, 2026", text);
        Assert.Contains("Korn and Graubard (1998", text);
        Assert.Contains(Samples.ResultsUrl, text);
    }

    [Fact]
    public void Other_studies_are_cited_in_full_and_the_unverified_figure_is_not_printed()
    {
        var text = Words(ReportRenderer.Render(Samples.Request(ReportKind.Brief, "en")));
        Assert.Contains("Thompson, A., and Tapp, S. N. (2023). Criminal Victimization, 2022 (NCJ 307089). Washington, DC: Bureau of Justice Statistics", text);
        Assert.Contains("41.5% (about 42%) of violent victimizations in 2022 were reported to the police", text);
        Assert.Contains("Theodore, N. (2013). Insecure Communities: Latino Perceptions of Police Involvement in Immigration Enforcement. Chicago: Department of Urban Planning and Policy, University of Illinois at Chicago; PolicyLink.", text);
        Assert.Contains("random telephone survey of 2,004 Latinos in Cook, Harris, Los Angeles and Maricopa counties", text);
        Assert.Contains("November–December 2012", text);
        Assert.Contains("or that of people they know", text);
        Assert.DoesNotContain("28%", text);
    }

    [Fact]
    public void The_method_names_every_language_offered_and_counts_unnamed_small_ones()
    {
        var counts = new ResponseCounts(ResponseTable.Lang, [new("en", 900), new("es", 640), new("ar", null), new("vi", null)]);
        var text = Words(ReportRenderer.Render(Samples.Request(ReportKind.Brief, "en") with { ResponseCounts = [counts] }));
        // Arabic reads back in its drawn (presentation) forms; the rest of the line as written.
        Assert.Contains("Languages: offered in English, Español, 中文（简体）, Tiếng Việt, ", text);
        Assert.Contains(", Kreyòl ayisyen; answered in English (900), Español (640), 2 other languages (each fewer than 10 responses, not named).", text);
    }

    [Fact]
    public void A_printed_change_that_is_not_the_difference_of_the_printed_figures_carries_a_note()
    {
        using var document = PdfDocument.Open(ReportRenderer.Render(ThreeWaveRequest(ReportKind.Brief)));
        var page = document.GetPages().First(p => p.Text.Contains("Trend across all survey waves", StringComparison.Ordinal));
        var rows = 0;
        var marked = 0;
        // Rows with their raised marks: letters within 3.5 points of a row's baseline, spaced where they are apart.
        foreach (var line in Rows(page))
        {
            var row = TrendRow().Match(line);
            if (!row.Success) continue;
            rows++;
            var first = int.Parse(row.Groups["first"].Value, CultureInfo.InvariantCulture);
            var last = int.Parse(row.Groups["last"].Value, CultureInfo.InvariantCulture);
            var change = int.Parse(row.Groups["change"].Value.Replace("+", ""), CultureInfo.InvariantCulture);
            if (row.Groups["mark"].Value.Length == 0) Assert.Equal(last - first, change);
            else marked++;
        }
        Assert.Equal(7, rows);
        Assert.True(marked > 0, "no change in this sample differs from its rounded figures; the check would not notice a missing note");
    }

    /// <summary>Text rows of a page with raised footnote marks kept on their row, left to right, words spaced.</summary>
    internal static IEnumerable<string> Rows(UglyToad.PdfPig.Content.Page page)
    {
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).OrderByDescending(l => l.StartBaseLine.Y).ToList();
        var rows = new List<List<UglyToad.PdfPig.Content.Letter>>();
        foreach (var letter in letters)
        {
            if (rows.Count > 0 && rows[^1][0].StartBaseLine.Y - letter.StartBaseLine.Y < 3.5) rows[^1].Add(letter);
            else rows.Add([letter]);
        }
        foreach (var row in rows)
        {
            var ordered = row.OrderBy(l => l.StartBaseLine.X).ToList();
            var text = new System.Text.StringBuilder(ordered[0].Value);
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].StartBaseLine.X - ordered[i - 1].EndBaseLine.X > 1.2) text.Append(' ');
                text.Append(ordered[i].Value);
            }
            yield return text.ToString();
        }
    }

    [GeneratedRegex(@"^[A-Z][a-z ]+ (?<first>\d+)%? \d+%? (?<last>\d+)%? (?<change>[+-]?\d+) ?(?<mark>[a-z]?) [+-]?\d")]
    private static partial Regex TrendRow();

    [Fact]
    public void No_estimate_is_printed_equal_to_an_end_of_its_interval()
    {
        var text = Words(ReportRenderer.Render(Samples.Request(ReportKind.Full, "en")));
        var checkedFigures = 0;
        foreach (Match m in EstimateWithInterval().Matches(text))
        {
            checkedFigures++;
            var (value, low, high) = (m.Groups["v"].Value, m.Groups["l"].Value, m.Groups["h"].Value);
            if (value is "0" or "100") continue;
            Assert.True(value != low && value != high, $"'{m.Value}' prints the estimate at an end of its interval");
        }
        Assert.True(checkedFigures > 100, $"only {checkedFigures} figures were checked");
    }

    [GeneratedRegex(@"(?<![\d.])(?<v>\d+(\.\d)?)%?[a-z]? (?<l>\d+(\.\d)?)%?–(?<h>\d+(\.\d)?)%? ")]
    private static partial Regex EstimateWithInterval();

    [Fact]
    public void Police_leaders_get_areas_over_time_every_reason_and_the_actionable_figure_in_words()
    {
        var report = ThreeWaves.Value.Report;
        var text = Words(ReportRenderer.Render(ThreeWaveRequest(ReportKind.Brief)));
        Assert.Contains("Victim chill by area, wave by wave", text);
        Assert.Contains("Area 2026-Q1 2026-Q2 2026-Q3 Area 1", text);
        Assert.Contains("Why victims did not report", text);
        foreach (var option in Samples.Survey.FindItem("why_not")!.Options)
            Assert.Contains(option.Label.Get("en"), text);
        var uplift = report.Trends.Single(t => t.IndicatorId == "policy_uplift").Waves[^1].Estimate;
        Assert.Contains($"What the police can act on {Shown(uplift.Value!.Value)} of respondents (95% CI: ", text);
        Assert.Contains("answered “More likely” to the question “If the police clearly did not ask about or share immigration status, would you be more likely to report a crime?”", text);
        var full = Words(ReportRenderer.Render(ThreeWaveRequest(ReportKind.Full)));
        Assert.Contains("Responses received", full);
        Assert.Contains("Survey wave Group Responses Share of responses 2026-Q1", full);
        foreach (var label in new[] { "Trust score by area, wave by wave", "Safety score by area, wave by wave", "Difference in differences" })
            Assert.Contains(label, full);
        // What they keep: the reproducibility hash, the synthetic-data banner, the reasons a figure is hidden.
        Assert.Contains(Samples.WithTrends.InputSha256!, full);
        Assert.Contains("Synthetic data: these figures come from generated test responses", text);
    }
}
