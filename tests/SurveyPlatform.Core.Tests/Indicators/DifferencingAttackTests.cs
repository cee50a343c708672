using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Core.Tests.Indicators;

/// <summary>
/// anonymity.md rule 7 from the attacker's side: someone who knows that three men in area 1 answered asks for
/// published results under two filters whose rows differ by exactly those three, hoping to subtract one figure
/// from the other. Every pair of figures that both get published must rest on the same rows or on rows that
/// differ by at least k.
/// </summary>
public class DifferencingAttackTests
{
    private const int K = 10;

    /// <summary>97 women and 3 men (who all fear reporting) in area 1, 100 women in area 2.</summary>
    private static ResponseTable Community()
    {
        var builder = new ResponseTableBuilder(TestSurveys.Standard);
        void Add(int count, string area, string gender, string chill)
        {
            for (var i = 0; i < count; i++)
            {
                var row = builder.NewRow();
                Assert.Null(builder.Set("area", row, area));
                Assert.Null(builder.Set("gender", row, gender));
                Assert.Null(builder.Set("chill_victim", row, chill));
                Assert.Null(builder.Set("age_group", row, i % 2 == 0 ? "25_34" : "35_44"));
            }
        }
        Add(60, "area_1", "woman", "disagree_some");
        Add(37, "area_1", "woman", "agree_some");
        Add(3, "area_1", "man", "agree_strong");
        Add(50, "area_2", "woman", "disagree_some");
        Add(50, "area_2", "woman", "agree_some");
        return builder.Build();
    }

    private static IndicatorReport Publish(ResponseTable table, string? filter, params string[] by) => IndicatorEngine.Compute(table, new EngineOptions
    {
        MinCell = K,
        Filter = filter is null ? null : ConditionParser.Parse(filter),
        Breakdowns = [.. by.Select(b => Breakdown.Of(b))],
    });

    /// <summary>Every published figure of a report, by indicator and group, with the rows it rests on.</summary>
    private static Dictionary<string, long> Published(IndicatorReport report)
    {
        var figures = new Dictionary<string, long>();
        foreach (var indicator in report.Indicators.Where(i => i.Kind != IndicatorKind.Difference))
        {
            if (indicator.Overall is { IsPresented: true, N: { } n })
                figures[$"{indicator.Id} overall"] = n;
            foreach (var group in indicator.Groups.Where(g => g.Estimate.IsPresented && g.Estimate.N is not null))
                figures[$"{indicator.Id} {group.By}={group.Value}"] = group.Estimate.N!.Value;
        }
        return figures;
    }

    /// <summary>No figure of <paramref name="a"/> and figure of <paramref name="b"/> about the same thing rest on 1 to k−1 different rows.</summary>
    private static void AssertNoDifferencing(IndicatorReport a, IndicatorReport b)
    {
        var first = Published(a);
        foreach (var (figure, n) in Published(b))
        {
            if (first.TryGetValue(figure, out var m))
                Assert.False(Math.Abs(m - n) is > 0 and < K, $"{figure}: published on {m} and on {n} rows; the difference reveals {Math.Abs(m - n)} respondents");
        }
    }

    [Fact]
    public void Everyone_then_everyone_but_the_three_men_withholds_the_second_figure()
    {
        var table = Community();
        var everyone = Publish(table, null);
        var butTheMen = Publish(table, "gender = woman");

        var victim = butTheMen.Find("victim_chill")!.Overall;
        Assert.Equal(Decisions.Suppress, victim.Decision);
        Assert.Equal([Decisions.Differencing], victim.Reasons);
        Assert.Null(victim.Value);
        Assert.True(everyone.Find("victim_chill")!.Overall.IsPresented);
        AssertNoDifferencing(everyone, butTheMen);
    }

    [Fact]
    public void A_breakdown_by_area_then_the_same_without_the_three_men_withholds_area_1()
    {
        var table = Community();
        var byArea = Publish(table, null, "area");
        var byAreaButTheMen = Publish(table, "gender = woman", "area");

        var groups = byAreaButTheMen.Find("victim_chill")!.Groups.ToDictionary(g => g.Value, g => g.Estimate);
        Assert.Equal([Decisions.Differencing], groups["area_1"].Reasons);
        Assert.True(groups["area_2"].IsPresented); // the same 100 rows as before: nothing to subtract
        AssertNoDifferencing(byArea, byAreaButTheMen);
    }

    [Fact]
    public void Area_1_then_area_1_without_the_three_men_withholds_the_second_figure()
    {
        // Neither filter is "everyone": the attacker narrows a published filter by one more condition.
        var table = Community();
        var area1 = Publish(table, "area = area_1");
        var area1ButTheMen = Publish(table, "area = area_1 and gender = woman");

        Assert.True(area1.Find("victim_chill")!.Overall.IsPresented);
        Assert.Equal(Decisions.Suppress, area1ButTheMen.Find("victim_chill")!.Overall.Decision);
        AssertNoDifferencing(area1, area1ButTheMen);
    }
}
