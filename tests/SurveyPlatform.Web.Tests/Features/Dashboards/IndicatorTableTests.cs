using Bunit;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Web.Features.Dashboards;
using SurveyPlatform.Web.Features.Runs;

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
            .Add(r => r.Kind, IndicatorKind.Proportion)
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
            .Add(r => r.Kind, IndicatorKind.Proportion)
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
            .Add(r => r.Kind, IndicatorKind.Mean)
            .Add(r => r.MinCell, 10)
            .Add(r => r.Estimate, new Estimate { N = 14, Decision = Decisions.Suppress, Reasons = [Decisions.NBelow30] }));
        Assert.Contains("too few answers", row.Markup);
        Assert.Contains("14", row.Markup);
    }

    [Fact]
    public void Live_counts_hide_small_cells_and_one_more_when_a_single_cell_is_hidden()
    {
        var counts = SmallCounts.Suppress([("en", 40), ("es", 12), ("vi", 3)], 10);
        Assert.Equal([("en", (int?)40), ("es", null), ("vi", null)], counts);
        Assert.All(SmallCounts.Suppress([("en", 40), ("es", 12)], 10), c => Assert.NotNull(c.Count));
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
        Assert.Equal("+12 points", ResultText.Value(IndicatorKind.Difference, shares.Value));
        Assert.Equal("+5–+19 points", ResultText.Interval(IndicatorKind.Difference, shares));
        var scores = new Estimate { Value = 4.6, CiLow = -1.6, CiHigh = 10.2, N = 300, Decision = Decisions.Present };
        Assert.Equal("+5 points", ResultText.Value(IndicatorKind.Difference, scores.Value, "en", IndicatorKind.Mean));
        Assert.Equal("−2–+10 points", ResultText.Interval(IndicatorKind.Difference, scores, "en", IndicatorKind.Mean));
        Assert.Equal("+5 puntos", ResultText.Value(IndicatorKind.Difference, scores.Value, "es", IndicatorKind.Mean));
        Assert.Equal("+5 分", ResultText.Value(IndicatorKind.Difference, scores.Value, "zh-Hans", IndicatorKind.Mean));
        Assert.Equal("+5 个百分点", ResultText.Value(IndicatorKind.Difference, 0.05, "zh-Hans"));
        Assert.Equal("−1 point", ResultText.Value(IndicatorKind.Difference, -0.6, "en", IndicatorKind.Mean));
        var bar = ResultText.Bar(IndicatorKind.Difference, scores, IndicatorKind.Mean)!.Value;
        Assert.Equal(0.523, bar.Point, 3);
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
