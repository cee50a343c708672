namespace SurveyPlatform.Core.Indicators;

/// <summary>
/// Privacy suppression of indicators.md, applied before (and regardless of) reliability:
/// groups under k respondents are never published; complementary suppression so that a hidden group cannot
/// be recovered from the total; and no figure whose rows differ by fewer than k from a published one.
/// </summary>
public static class PrivacySuppression
{
    /// <summary>One group's estimate: <see cref="Index"/> in the grouping, its row count, and the count without the filter (if any).</summary>
    public sealed record Cell(int Index, Estimate Estimate, long N, long? UnfilteredN);

    public static Estimate Overall(Estimate estimate, long n, long? unfilteredN, int k)
    {
        if (n < k) return estimate.Withheld(Decisions.Privacy);
        if (unfilteredN is { } all && all - n > 0 && all - n < k) return estimate.Withheld(Decisions.Differencing);
        return estimate;
    }

    public static IReadOnlyList<GroupEstimate> Apply(Grouping grouping, IReadOnlyList<Cell> cells, int k)
    {
        var reason = new string?[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i].N < k) reason[i] = Decisions.Privacy;
            else if (cells[i].UnfilteredN is { } all && all - cells[i].N > 0 && all - cells[i].N < k) reason[i] = Decisions.Differencing;
        }
        // Each slice whose hidden cells add up to fewer than k rows (one hidden cell always does) loses its next
        // smallest published cell too, so that the slice total minus the published cells reveals nothing small.
        // One-way: the slice is the whole breakdown. Two-way: every row and column of the table, until stable.
        var slices = grouping.IsTwoWay
            ? cells.Select((c, i) => (key: "a" + grouping.FirstKeyOf[c.Index], i)).Concat(cells.Select((c, i) => (key: "b" + grouping.SecondKeyOf[c.Index], i)))
                .GroupBy(x => x.key, x => x.i).Select(g => g.ToArray()).ToList()
            : [Enumerable.Range(0, cells.Count).ToArray()];
        bool changed;
        do
        {
            changed = false;
            foreach (var slice in slices)
            {
                var hidden = slice.Where(i => reason[i] is not null).Sum(i => cells[i].N);
                if (hidden == 0 || hidden >= k) continue;
                var next = slice.Where(i => reason[i] is null).OrderBy(i => cells[i].N).ThenBy(i => cells[i].Index).Cast<int?>().FirstOrDefault();
                if (next is null) continue;
                reason[next.Value] = Decisions.Complementary;
                changed = true;
            }
        } while (changed);

        return cells.Select((c, i) => new GroupEstimate(grouping.Breakdown.Name, grouping.Labels[c.Index]!,
            reason[i] is { } r ? c.Estimate.Withheld(r) : c.Estimate)).ToList();
    }
}
