namespace SurveyPlatform.Reports.Tests;

public class ResponseCountsTests
{
    [Fact]
    public void Groups_under_the_threshold_are_withheld_and_one_alone_takes_the_next_smallest_with_it()
    {
        var counts = ResponseCounts.Of("lang", [("en", 500), ("es", 120), ("vi", 40), ("ar", 4)], minCell: 10);
        Assert.Equal([500L, 120L, null, null], counts.Counts.Select(c => c.Count));
    }

    [Fact]
    public void Two_small_groups_hide_each_other()
    {
        var counts = ResponseCounts.Of("week", [("w1", 300), ("w2", 6), ("w3", 3)], minCell: 10);
        Assert.Equal([300L, null, null], counts.Counts.Select(c => c.Count));
    }

    [Fact]
    public void Counts_come_from_a_response_table()
    {
        var counts = ResponseCounts.FromTable(Samples.WithTrendsTable, "wave", 10);
        Assert.Equal(Samples.WithTrendsTable.Count, counts.Counts.Sum(c => c.Count));
        Assert.Equal(["2025-Q4", "2026-Q2"], counts.Counts.Select(c => c.Value).Order());
    }
}
