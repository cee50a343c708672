using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Reports;

/// <summary>How many responses came in each group of <see cref="By"/> (<c>lang</c>, <c>wave</c>, <c>week</c>, …); a null count is withheld.</summary>
public sealed record ResponseCounts(string By, IReadOnlyList<ResponseCount> Counts)
{
    /// <summary>
    /// Counts with the privacy rules of indicators.md: a group smaller than <paramref name="minCell"/>
    /// is withheld, and when exactly one is, the next smallest is withheld too so the total does not give it away.
    /// </summary>
    public static ResponseCounts Of(string by, IEnumerable<(string Value, long Count)> counts, int minCell)
    {
        var list = counts.Where(c => c.Count > 0).ToList();
        var hidden = list.Where(c => c.Count < minCell).Select(c => c.Value).ToHashSet();
        if (hidden.Count == 1)
        {
            var next = list.Where(c => !hidden.Contains(c.Value)).OrderBy(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal).FirstOrDefault();
            if (next.Value is not null) hidden.Add(next.Value);
        }
        return new ResponseCounts(by, list.Select(c => new ResponseCount(c.Value, hidden.Contains(c.Value) ? null : c.Count)).ToList());
    }

    /// <summary>Responses per value of a meta or single-choice column (<c>lang</c>, <c>wave</c>, <c>site</c>) of a response table.</summary>
    public static ResponseCounts FromTable(ResponseTable table, string key, int minCell)
    {
        if (table[key] is not CategoryColumn column)
            throw new ArgumentException($"Cannot count responses by '{key}': not a single-choice or label column.", nameof(key));
        var counts = new long[column.CodeCount];
        foreach (var v in column.Values) counts[v]++;
        var values = Enumerable.Range(0, column.CodeCount).Where(i => counts[i] > 0)
            .Select(i => (i == 0 ? GroupEstimate.NotAnswered : column.Codes[i]!, counts[i]));
        return Of(key, values, minCell);
    }
}

public sealed record ResponseCount(string Value, long? Count);
