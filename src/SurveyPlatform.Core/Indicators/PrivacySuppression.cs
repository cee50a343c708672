using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Indicators;

/// <summary>
/// Privacy suppression of indicators.md, applied before (and regardless of) reliability:
/// groups under k respondents are never published; complementary suppression so that a hidden group cannot
/// be recovered from the total; and no figure whose rows differ by fewer than k from a published one.
/// </summary>
public static class PrivacySuppression
{
    /// <summary>
    /// One group's estimate: <see cref="Index"/> in the grouping, its row count, and the row count of the same group
    /// under the nearest comparable filter (see <see cref="Nearest"/>), when the figure is filtered.
    /// </summary>
    public sealed record Cell(int Index, Estimate Estimate, long N, long? ComparedN);

    public static Estimate Overall(Estimate estimate, long n, long? comparedN, int k)
    {
        if (n < k) return estimate.Withheld(Decisions.Privacy);
        if (Differs(n, comparedN, k)) return estimate.Withheld(Decisions.Differencing);
        return estimate;
    }

    /// <summary>True when the two figures rest on 1 to k−1 different rows: subtracting one from the other would reveal them.</summary>
    private static bool Differs(long n, long? comparedN, int k) => comparedN is { } other && Math.Abs(other - n) is > 0 and var d && d < k;

    /// <summary>Of the row counts of comparable figures, the one closest to <paramref name="n"/> without being equal.</summary>
    public static long? Nearest(long n, IEnumerable<long> others)
    {
        long? nearest = null;
        foreach (var other in others)
        {
            if (other != n && (nearest is null || Math.Abs(other - n) < Math.Abs(nearest.Value - n)))
                nearest = other;
        }
        return nearest;
    }

    /// <summary>
    /// The filters one condition away from <paramref name="filter"/>, which an attacker would publish beside it:
    /// each condition of a top-level <c>and</c> left out (a wider filter), each alternative of a top-level <c>or</c>
    /// left out (a narrower one). "area = area_1" next to "area = area_1 and gender = woman" is the classic
    /// differencing pair. (All rows, the unfiltered figure, are compared as well.)
    /// </summary>
    public static IEnumerable<Condition> Neighbours(Condition filter)
    {
        List<Condition> parts = filter switch
        {
            AndCondition => [.. Flatten<AndCondition>(filter, c => (c.Left, c.Right))],
            OrCondition => [.. Flatten<OrCondition>(filter, c => (c.Left, c.Right))],
            _ => [],
        };
        if (parts.Count < 2) yield break;
        for (var leftOut = 0; leftOut < parts.Count; leftOut++)
        {
            var rest = parts.Where((_, i) => i != leftOut).ToList();
            yield return rest.Skip(1).Aggregate(rest[0], (a, b) => filter is AndCondition ? new AndCondition(a, b) : new OrCondition(a, b));
        }
    }

    private static IEnumerable<Condition> Flatten<T>(Condition condition, Func<T, (Condition Left, Condition Right)> sides) where T : Condition
    {
        if (condition is not T node)
        {
            yield return condition;
            yield break;
        }
        var (left, right) = sides(node);
        foreach (var part in Flatten(left, sides).Concat(Flatten(right, sides)))
            yield return part;
    }

    public static IReadOnlyList<GroupEstimate> Apply(Grouping grouping, IReadOnlyList<Cell> cells, int k)
    {
        var reason = new string?[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i].N < k) reason[i] = Decisions.Privacy;
            else if (Differs(cells[i].N, cells[i].ComparedN, k)) reason[i] = Decisions.Differencing;
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
