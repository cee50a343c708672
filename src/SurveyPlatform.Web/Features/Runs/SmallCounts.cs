namespace SurveyPlatform.Web.Features.Runs;

/// <summary>
/// Counts shown while a run is live (by day, by language): a count below k is hidden, and when exactly one
/// is hidden the next smallest is hidden too, so that the total does not give it away (indicators.md).
/// </summary>
public static class SmallCounts
{
    public static IReadOnlyList<(string Label, int? Count)> Suppress(IEnumerable<(string Label, int Count)> counts, int k)
    {
        var list = counts.ToList();
        var hidden = list.Where(c => c.Count < k).Select(c => c.Label).ToHashSet(StringComparer.Ordinal);
        if (hidden.Count == 1 && list.Count > 1)
            hidden.Add(list.Where(c => !hidden.Contains(c.Label)).OrderBy(c => c.Count).First().Label);
        return list.Select(c => (c.Label, hidden.Contains(c.Label) ? (int?)null : c.Count)).ToList();
    }
}
