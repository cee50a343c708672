using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Core.Indicators;

/// <summary>
/// Each row's value for one indicator: y ∈ {0, 1} for a proportion, the score for a mean, NaN when the row
/// is not in the indicator's denominator (not shown, skipped, an excluded code such as <c>refuse</c>, or
/// outside <c>among</c>).
/// </summary>
public static class IndicatorValues
{
    public static double[] Compute(IndicatorDefinition indicator, ResponseTable table)
    {
        var y = indicator.Kind switch
        {
            IndicatorKind.Proportion => Proportion(indicator, table),
            IndicatorKind.Mean => Mean(indicator, table),
            _ => throw new ArgumentException($"Indicator '{indicator.Id}' is a {indicator.Kind}; only proportions and means have row values."),
        };
        if (indicator.Among is { } among)
        {
            var holds = RowPredicate.Compile(among, table);
            for (var r = 0; r < y.Length; r++)
                if (!holds(r)) y[r] = double.NaN;
        }
        return y;
    }

    private static double[] Proportion(IndicatorDefinition indicator, ResponseTable table)
    {
        var y = new double[table.Count];
        switch (table[indicator.Item!])
        {
            case CategoryColumn column:
            {
                // Per code: NaN = not in the denominator, 1 = positive, 0 = other answer.
                var byCode = new double[column.CodeCount];
                byCode[0] = double.NaN;
                for (var i = 1; i < column.CodeCount; i++)
                    byCode[i] = indicator.Excluded.Contains(column.Codes[i]!) ? double.NaN
                        : indicator.Positive.Contains(column.Codes[i]!) ? 1 : 0;
                var values = column.Values;
                for (var r = 0; r < y.Length; r++) y[r] = byCode[values[r]];
                break;
            }
            case MultiColumn column:
            {
                ulong positive = 0, excluded = 0;
                foreach (var code in indicator.Positive) positive |= column.Bit(code);
                foreach (var code in indicator.Excluded) excluded |= column.Bit(code);
                var masks = column.Masks;
                for (var r = 0; r < y.Length; r++)
                {
                    var m = masks[r];
                    y[r] = m == 0 || (m & ~excluded) == 0 ? double.NaN : (m & positive) != 0 ? 1 : 0;
                }
                break;
            }
            default:
                throw new ArgumentException($"Indicator '{indicator.Id}': item '{indicator.Item}' is not a choice item.");
        }
        return y;
    }

    private static double[] Mean(IndicatorDefinition indicator, ResponseTable table)
    {
        var columns = indicator.Items.Select(k => table[k] as NumberColumn
            ?? throw new ArgumentException($"Indicator '{indicator.Id}': item '{k}' is not a scale item.")).Select(c => c.Values).ToArray();
        var y = new double[table.Count];
        for (var r = 0; r < y.Length; r++)
        {
            double sum = 0;
            var answered = 0;
            foreach (var c in columns)
            {
                var v = c[r];
                if (double.IsNaN(v)) continue;
                sum += v;
                answered++;
            }
            y[r] = answered == 0 ? double.NaN : indicator.Scale * sum / answered;
        }
        return y;
    }
}
