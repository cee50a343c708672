using Bunit;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Disclosure;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Web.Features.Dashboards;

namespace SurveyPlatform.Web.Tests.Features.Dashboards;

/// <summary>Console components rendered alone (bUnit): what an estimate row and the live counts show.</summary>
public sealed class IndicatorTableTests : IDisposable
{
    private readonly BunitContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void A_presented_proportion_shows_a_whole_percentage_its_interval_and_a_bar()
    {
        var row = _context.Render<EstimateRow>(p => p
            .Add(r => r.Group, "All")
            .Add(r => r.Scale, ResultScale.Percent)
            .Add(r => r.MinCell, 10)
            .Add(r => r.Estimate, new Estimate { Value = 0.4567, CiLow = 0.31, CiHigh = 0.605, N = 120, Decision = Decisions.Present }));
        Assert.Contains("46%", row.Markup);
        Assert.Contains("31–61%", row.Markup);
        Assert.Contains("120", row.Markup);
        Assert.NotNull(row.Find("svg[role=img]"));
    }

    [Fact]
    public void A_privacy_suppressed_group_shows_why_and_neither_numbers_nor_its_size()
    {
        var row = _context.Render<EstimateRow>(p => p
            .Add(r => r.Group, "Yes")
            .Add(r => r.Scale, ResultScale.Percent)
            .Add(r => r.MinCell, 10)
            .Add(r => r.Estimate, new Estimate { N = 3, Decision = Decisions.Suppress, Reasons = [Decisions.Privacy] }));
        Assert.Contains("Not shown: fewer than 10 people in this group", row.Markup);
        Assert.DoesNotContain(">3<", row.Markup);
        Assert.DoesNotContain("%", row.Markup);
        Assert.Empty(row.FindAll("svg"));
    }

    [Fact]
    public void A_reliability_suppressed_estimate_keeps_its_count_but_no_numbers()
    {
        var row = _context.Render<EstimateRow>(p => p
            .Add(r => r.Scale, ResultScale.Score)
            .Add(r => r.MinCell, 10)
            .Add(r => r.Estimate, new Estimate { N = 14, Decision = Decisions.Suppress, Reasons = [Decisions.NBelow30] }));
        Assert.Contains("too few answers", row.Markup);
        Assert.Contains("14", row.Markup);
    }

    [Fact]
    public void Live_counts_hide_small_cells_and_one_more_when_a_single_cell_is_hidden()
    {
        var counts = DisclosureControl.Counts(55, [("lang", [("en", 40L), ("es", 12L), ("vi", 3L)])], 10).Single().Cells;
        Assert.Equal([("en", (long?)40), ("es", null), ("vi", null)], counts.Select(c => (c.Value, c.Count)));
        Assert.All(DisclosureControl.Counts(52, [("lang", [("en", 40L), ("es", 12L)])], 10).Single().Cells, c => Assert.NotNull(c.Count));
    }

    [Fact]
    public void A_gap_between_two_scores_reads_in_score_points_as_the_reports_do()
    {
        // The language gap in trust is a difference of two 0–100 scores: +3.2, not +320 points.
        var row = _context.Render<EstimateRow>(p => p
            .Add(r => r.Scale, ResultScale.ScorePoints)
            .Add(r => r.MinCell, 10)
            .Add(r => r.Estimate, new Estimate { Value = 3.2, CiLow = -3.81, CiHigh = 10.21, N = 400, Decision = Decisions.Present }));
        Assert.Contains("+3 points", row.Markup);
        Assert.Contains("−4–+10 points", row.Markup);
        Assert.DoesNotContain("320", row.Markup);
    }

    [Fact]
    public void The_bar_of_an_interval_carries_no_more_precision_than_the_printed_numbers()
    {
        // Two estimates that print alike draw alike: the bar cannot tell a reader what the text rounds away.
        string Render(double value, double low, double high) => _context.Render<EstimateRow>(p => p
            .Add(r => r.Scale, ResultScale.Percent)
            .Add(r => r.MinCell, 10)
            .Add(r => r.Estimate, new Estimate { Value = value, CiLow = low, CiHigh = high, N = 120, Decision = Decisions.Present })).Markup;
        Assert.Equal(Render(0.4567, 0.3104, 0.6049), Render(0.4551, 0.3141, 0.6012));
        Assert.NotEqual(Render(0.4567, 0.3104, 0.6049), Render(0.4467, 0.3104, 0.6049));
    }

    private static readonly SurveyDefinition Standard = DefinitionLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "surveys", "community-trust.survey.json"));

    private IRenderedComponent<IndicatorTable> Table(string by, string lang)
    {
        var table = SyntheticResponses.Generate(Standard, new SyntheticOptions { Count = 2000, Seed = 7 });
        var report = IndicatorEngine.Compute(table, new EngineOptions { MinCell = 10, Breakdowns = [Breakdown.Of(by)] });
        return _context.Render<IndicatorTable>(p => p
            .Add(t => t.Report, report)
            .Add(t => t.Definition, Standard)
            .Add(t => t.Lang, lang)
            .Add(t => t.Caption, "caption"));
    }

    [Fact]
    public void Groups_are_named_by_their_answer_in_the_readers_language_never_by_key_or_code()
    {
        var spanish = Table("born_here", "es").Markup;
        Assert.Contains(">Sí<", spanish);
        Assert.Contains(">Todos<", spanish);
        Assert.Contains("Estimación", spanish);
        Assert.DoesNotContain("born_here", spanish);
        Assert.DoesNotContain(">All<", spanish);

        var arabic = Table("born_here", "ar").Markup;
        Assert.Contains("الكل", arabic);
        Assert.Contains("dir=\"ltr\"", arabic); // figures keep their order inside right-to-left text
    }

    [Fact]
    public void A_difference_reads_in_percentage_points_for_shares_and_in_score_points_for_scores()
    {
        var shares = new Estimate { Value = 0.12, CiLow = 0.05, CiHigh = 0.19, N = 300, Decision = Decisions.Present };
        Assert.Equal("+12 points", ResultText.Value(ResultScale.PercentPoints, shares.Value));
        Assert.Equal("+5–+19 points", ResultText.Interval(ResultScale.PercentPoints, shares));
        var scores = new Estimate { Value = 4.6, CiLow = -1.6, CiHigh = 10.2, N = 300, Decision = Decisions.Present };
        Assert.Equal("+5 points", ResultText.Value(ResultScale.ScorePoints, scores.Value, "en"));
        Assert.Equal("−2–+10 points", ResultText.Interval(ResultScale.ScorePoints, scores, "en"));
        Assert.Equal("+5 puntos", ResultText.Value(ResultScale.ScorePoints, scores.Value, "es"));
        Assert.Equal("+5 分", ResultText.Value(ResultScale.ScorePoints, scores.Value, "zh-Hans"));
        Assert.Equal("+5 个百分点", ResultText.Value(ResultScale.PercentPoints, 0.05, "zh-Hans"));
        Assert.Equal("−1 point", ResultText.Value(ResultScale.ScorePoints, -0.6, "en"));
        var bar = ResultText.Bar(ResultScale.ScorePoints, scores)!.Value;
        Assert.Equal(0.525, bar.Point, 3); // drawn from the printed +5, not from 4.6
    }

    [Fact]
    public void Groups_by_language_are_named_by_the_languages_own_names()
    {
        var markup = Table("lang", "en").Markup;
        Assert.Contains(">Español<", markup);
        Assert.Contains(">العربية<", markup);
        Assert.DoesNotContain(">es<", markup);
        Assert.DoesNotContain("lang:", markup);
    }
}
