using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Core.Indicators;

/// <summary>
/// Each row's value for one indicator, coded as a small integer: <see cref="Codes"/>[row] indexes
/// <see cref="Y"/>, where code 0 and codes with a NaN value are rows outside the indicator's denominator (not
/// shown, skipped, an excluded code such as <c>refuse</c>, or outside <c>among</c>). Proportions have y ∈ {0, 1},
/// means the score. Coding the values lets a breakdown count rows per (group, value) cell instead of summing
/// doubles per row: a pass over a million rows is a few milliseconds.
/// </summary>
public sealed class IndicatorValues
{
    private IndicatorValues(ushort[] codes, double[] y)
    {
        Codes = codes;
        Y = y;
    }

    public ushort[] Codes { get; }
    public double[] Y { get; }

    /// <summary>The same values restricted to rows where <paramref name="keep"/> is true.</summary>
    public IndicatorValues Where(bool[] keep)
    {
        var codes = new ushort[Codes.Length];
        for (var r = 0; r < codes.Length; r++) codes[r] = keep[r] ? Codes[r] : (ushort)0;
        return new IndicatorValues(codes, Y);
    }

    public static IndicatorValues Compute(IndicatorDefinition indicator, ResponseTable table)
    {
        var values = indicator.Kind switch
        {
            IndicatorKind.Proportion => Proportion(indicator, table),
            IndicatorKind.Mean => Mean(indicator, table),
            _ => throw new ArgumentException($"Indicator '{indicator.Id}' is a {indicator.Kind}; only proportions and means have row values."),
        };
        return indicator.Among is { } among ? values.Where(RowPredicate.Mask(among, table)) : values;
    }

    private static IndicatorValues Proportion(IndicatorDefinition indicator, ResponseTable table)
    {
        switch (table[indicator.Item!])
        {
            case CategoryColumn column:
                {
                    // The item's own codes serve as value codes: no copy of the column.
                    var y = new double[column.CodeCount];
                    y[0] = double.NaN;
                    for (var i = 1; i < column.CodeCount; i++)
                    {
                        y[i] = indicator.Excluded.Contains(column.Codes[i]!) ? double.NaN
                            : indicator.Positive.Contains(column.Codes[i]!) ? 1 : 0;
                    }

                    return new IndicatorValues(column.Values, y);
                }
            case MultiColumn column:
                {
                    ulong positive = 0, excluded = 0;
                    foreach (var code in indicator.Positive) positive |= column.Bit(code);
                    foreach (var code in indicator.Excluded) excluded |= column.Bit(code);
                    var masks = column.Masks;
                    var codes = new ushort[masks.Length];
                    for (var r = 0; r < codes.Length; r++)
                    {
                        var m = masks[r];
                        codes[r] = m == 0 || (m & ~excluded) == 0 ? (ushort)0 : (m & positive) != 0 ? (ushort)2 : (ushort)1;
                    }
                    return new IndicatorValues(codes, [double.NaN, 0, 1]);
                }
            default:
                throw new ArgumentException($"Indicator '{indicator.Id}': item '{indicator.Item}' is not a choice item.");
        }
    }

    private static IndicatorValues Mean(IndicatorDefinition indicator, ResponseTable table)
    {
        var columns = indicator.Items.Select(k => table[k] as NumberColumn
            ?? throw new ArgumentException($"Indicator '{indicator.Id}': item '{k}' is not a scale item.")).Select(c => c.Values).ToArray();
        var codes = new ushort[table.Count];
        var y = new List<double> { double.NaN };
        var lookup = new Dictionary<double, ushort>();
        for (var r = 0; r < codes.Length; r++)
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
            if (answered == 0) continue;
            var score = indicator.Scale * sum / answered;
            if (!lookup.TryGetValue(score, out var code))
            {
                if (y.Count == ushort.MaxValue)
                    throw new NotSupportedException($"Indicator '{indicator.Id}' takes more than {ushort.MaxValue - 1} different values.");
                lookup[score] = code = (ushort)y.Count;
                y.Add(score);
            }
            codes[r] = code;
        }
        return new IndicatorValues(codes, [.. y]);
    }
}
