using Bunit;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Disclosure;
using SurveyPlatform.Core.Indicators;
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
            .Add(r => r.Label, "Less likely to report as a victim")
            .Add(r => r.Group, "All")
            .Add(r => r.Scale, ResultScale.Percent)
            .Add(r => r.MinCell, 10)
            .Add(r => r.First, true)
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
            .Add(r => r.Label, "Less likely to report as a victim")
            .Add(r => r.Group, "born_here: Yes")
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
}
