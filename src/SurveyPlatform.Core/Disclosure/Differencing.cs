using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Disclosure;

/// <summary>
/// The differencing rule of indicators.md for filtered results: a filtered figure whose rows differ by 1 to k−1 from
/// the same figure under a comparable filter (all rows, or a filter one condition away) is withheld, because
/// subtracting one from the other would reveal the few rows between them.
/// </summary>
internal static class Differencing
{
    /// <summary>True when the two figures rest on 1 to k−1 different rows: subtracting one from the other would reveal them.</summary>
    public static bool Differs(long n, long? comparedN, int k) => comparedN is { } other && Math.Abs(other - n) is > 0 and var d && d < k;

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
}
