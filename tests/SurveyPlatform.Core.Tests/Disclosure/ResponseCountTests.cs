using SurveyPlatform.Core.Disclosure;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Core.Tests.Disclosure;

/// <summary>Counts of responses (by language, wave, day, way of answering) pass the same disclosure control as the figures.</summary>
public class ResponseCountTests
{
    private static IReadOnlyList<long?> Counts(long total, params (string, long)[] counts) =>
        DisclosureControl.Counts(total, [("lang", counts)], 10).Single().Cells.Select(c => c.Count).ToList();

    [Fact]
    public void A_group_under_k_is_withheld_with_the_next_smallest_so_the_total_does_not_give_it_away()
    {
        Assert.Equal([500L, 120L, null, null], Counts(664, ("en", 500), ("es", 120), ("vi", 40), ("ar", 4)));
    }

    [Fact]
    public void Small_groups_that_add_up_to_fewer_than_k_take_a_larger_one_with_them()
    {
        // 6 and 3: withholding only those would publish that 9 people answered in weeks 2 and 3.
        Assert.Equal([null, null, null], Counts(309, ("w1", 300), ("w2", 6), ("w3", 3)));
    }

    [Fact]
    public void Counts_published_with_figures_come_from_the_response_table()
    {
        var table = SyntheticResponses.Generate(TestSurveys.Standard, new SyntheticOptions { Count = 400, Seed = 2, Waves = ["2025-Q4", "2026-Q2"] });
        var release = DisclosureControl.Publish(table, new EngineOptions(), new ReleaseOptions { CountsBy = [ResponseTable.Wave] });
        var waves = release.CountsBy("wave")!;
        Assert.Equal(400, waves.Cells.Sum(c => c.Count));
        Assert.Equal(["2025-Q4", "2026-Q2"], waves.Cells.Select(c => c.Value).Order());
    }

    [Fact]
    public void Fewer_than_k_responses_in_all_publish_no_count_at_all()
    {
        Assert.All(DisclosureControl.Counts(7, [("day", [("2026-03-01", 4), ("2026-03-02", 3)])], 10).Single().Cells, c => Assert.Null(c.Count));
    }
}

/// <summary>A stored release reads back as it was published, and holds no withheld number.</summary>
public class ReleaseJsonTests
{
    [Fact]
    public void A_release_reads_back_with_the_same_figures_and_no_withheld_number()
    {
        var table = SyntheticResponses.Generate(TestSurveys.Standard, new SyntheticOptions { Count = 600, Seed = 4, Waves = ["w1", "w2"], Sites = ["a", "b"] });
        var release = DisclosureControl.Publish(table,
            new EngineOptions { Breakdowns = Breakdown.Offered(TestSurveys.Standard), Did = ("a", "b"), InputSha256 = "abc" },
            new ReleaseOptions { CountsBy = [ResponseTable.Lang, ResponseTable.Wave] });
        var json = ReleaseJson.Write(release);
        var back = ReleaseJson.Read(json, TestSurveys.Standard);
        Assert.Equal(IndicatorJson.ToJson(release.Report), IndicatorJson.ToJson(back.Report));
        Assert.Equal(release.Counts.SelectMany(c => c.Cells.Select(x => (c.By, x.Value, x.Count))), back.Counts.SelectMany(c => c.Cells.Select(x => (c.By, x.Value, x.Count))));
        // Withheld figures are stored without numbers: reading the release back cannot show more than was published.
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var withheld = document.RootElement.GetProperty("indicators").EnumerateArray()
            .SelectMany(i => i.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("estimate")))
            .Where(e => e.GetProperty("decision").GetString() == Decisions.Suppress).ToList();
        Assert.NotEmpty(withheld);
        Assert.All(withheld, e => Assert.False(e.TryGetProperty("value", out _)));
    }
}
