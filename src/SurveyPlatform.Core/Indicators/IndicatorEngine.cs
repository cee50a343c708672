using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Disclosure;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Core.Statistics;

namespace SurveyPlatform.Core.Indicators;

public sealed record EngineOptions
{
    /// <summary>Privacy threshold k: smaller groups are never published. Never below 5.</summary>
    public int MinCell { get; init; } = 10;
    public CiMethod Ci { get; init; } = CiMethod.KornGraubard;
    public IReadOnlyList<Breakdown> Breakdowns { get; init; } = [];
    /// <summary>Only rows where this holds (results compared against the unfiltered ones for differencing).</summary>
    public Condition? Filter { get; init; }
    /// <summary>Sites to compare by difference in differences, between the first and last wave.</summary>
    public (string Site, string ComparisonSite)? Did { get; init; }
    public string? InputSha256 { get; init; }

    public const int SmallestMinCell = 5;
}

/// <summary>
/// Computes every indicator of a survey definition over a <see cref="ResponseTable"/>: overall, by each
/// breakdown, across waves, and a difference in differences between sites, with the presentation
/// decisions of indicators.md. Each indicator is one pass over its rows that fills the overall sums and every
/// breakdown's group sums at once. What may be published is decided by the disclosure control
/// (<see cref="Disclosure.DisclosureControl"/>, docs/anonymity.md rule 7): <see cref="Compute"/> returns only that.
/// </summary>
public static class IndicatorEngine
{
    /// <summary>The published indicators: measured, then passed through disclosure control as one release.</summary>
    public static IndicatorReport Compute(ResponseTable table, EngineOptions? options = null) =>
        Disclosure.DisclosureControl.Publish(table, options).Report;

    /// <summary>
    /// Every figure as measured, before disclosure control: every category of every breakdown (empty ones
    /// included), with its true size. Never published as it is.
    /// </summary>
    internal static Measurement Measure(ResponseTable table, EngineOptions options)
    {
        if (options.MinCell < EngineOptions.SmallestMinCell)
            throw new ArgumentException($"The privacy threshold (min cell) is {options.MinCell}; allowed: {EngineOptions.SmallestMinCell} or more.");
        var definition = table.Definition;
        var filter = options.Filter is null ? null : RowPredicate.Mask(options.Filter, table);
        // What a filtered figure is compared with for differencing: all rows, and every filter one condition away.
        bool[]?[] neighbours = options.Filter is null ? []
            : [null, .. Disclosure.Differencing.Neighbours(options.Filter).Select(c => RowPredicate.Mask(c, table))];
        var keys = new Dictionary<string, KeyCategories>(StringComparer.Ordinal);
        KeyCategories Key(string key)
        {
            if (!keys.TryGetValue(key, out var k)) keys[key] = k = KeyCategories.Of(table, key);
            return k;
        }
        Grouping Group(Breakdown b) => Grouping.Create(b, b.Keys.Select(Key).ToArray(), table.Count);
        var requested = options.Breakdowns.Select(Group).ToList();
        var waves = WaveOrder(table);
        var trendGrouping = waves.Count >= 2 ? Group(Breakdown.Of(ResponseTable.Wave)) : null;
        var didGrouping = options.Did is not null && waves.Count >= 2 && table.Has(ResponseTable.Site)
            ? Group(Breakdown.Of(ResponseTable.Site, ResponseTable.Wave)) : null;
        var extra = new[] { trendGrouping, didGrouping }.OfType<Grouping>().ToList();
        // A breakdown asked for by name (e.g. --by wave) is computed once, whether it serves the tables or the trends.
        var all = requested.Concat(extra).DistinctBy(g => g.Breakdown.Name).ToList();

        var values = new Dictionary<string, IndicatorValues>();
        foreach (var indicator in definition.Indicators.Where(i => i.Kind != IndicatorKind.Difference))
            values[indicator.Id] = IndicatorValues.Compute(indicator, table);

        var computations = definition.Indicators.Select(indicator => new Func<MeasuredIndicator>(() =>
        {
            var context = new DomainContext(table, all, options, filter, neighbours);
            return indicator.Kind == IndicatorKind.Difference
                ? context.Difference(indicator, values[indicator.Of!], Find(definition, indicator.Of!))
                : context.Single(indicator, values[indicator.Id]);
        })).ToArray();
        var outputs = new MeasuredIndicator[computations.Length];
        Parallel.For(0, computations.Length, i => outputs[i] = computations[i]());

        return new Measurement
        {
            Table = table,
            Options = options,
            Groupings = all,
            Requested = requested.Select(g => g.Breakdown.Name).ToList(),
            TrendGrouping = trendGrouping?.Breakdown.Name is { } t ? all.First(g => g.Breakdown.Name == t) : null,
            DidGrouping = didGrouping?.Breakdown.Name is { } d ? all.First(g => g.Breakdown.Name == d) : null,
            Waves = waves,
            Filter = filter,
            Values = values,
            Indicators = outputs,
            WeightingDesignEffect = DesignEffect(table),
        };
    }

    private static IndicatorDefinition Find(SurveyDefinition definition, string id) =>
        definition.Indicators.First(i => i.Id == id);

    /// <summary>Wave labels in order (ordinal: 2026-Q1 before 2026-Q2), only those present in the data.</summary>
    public static IReadOnlyList<string> WaveOrder(ResponseTable table)
    {
        if (!table.Has(ResponseTable.Wave) || table[ResponseTable.Wave] is not CategoryColumn wave) return [];
        var seen = new bool[wave.CodeCount];
        foreach (var v in wave.Values) seen[v] = true;
        return [.. Enumerable.Range(1, wave.CodeCount - 1).Where(i => seen[i]).Select(i => wave.Codes[i]!).Order(StringComparer.Ordinal)];
    }

    private static double DesignEffect(ResponseTable table)
    {
        if (table.Weights is not { Length: > 0 } w) return 1;
        double sum = 0, sum2 = 0;
        foreach (var x in w) { sum += x; sum2 += x * x; }
        return w.Length * sum2 / (sum * sum);
    }

    /// <summary>The sums of one indicator's domain, overall and per group of every grouping, in one pass.</summary>
    private sealed class DomainContext(ResponseTable table, IReadOnlyList<Grouping> groupings, EngineOptions options, bool[]? filter, bool[]?[] neighbours)
    {
        public MeasuredIndicator Single(IndicatorDefinition indicator, IndicatorValues values)
        {
            var sums = Accumulate(filter is null ? values : values.Where(filter));
            var compared = neighbours.Select(mask => Accumulate(mask is null ? values : values.Where(mask))).ToList();
            Estimate Estimate(in DomainSums d) => indicator.Kind == IndicatorKind.Mean ? Estimator.Mean(d) : Estimator.Proportion(d, options.Ci);
            var groups = new Estimate[groupings.Count][];
            var comparedN = new long?[groupings.Count][];
            for (var g = 0; g < groupings.Count; g++)
            {
                groups[g] = new Estimate[groupings[g].Labels.Length];
                comparedN[g] = new long?[groups[g].Length];
                for (var i = 0; i < groups[g].Length; i++)
                {
                    groups[g][i] = Estimate(sums.Groups[g][i]);
                    comparedN[g][i] = Disclosure.Differencing.Nearest(sums.Groups[g][i].N, compared.Select(c => c.Groups[g][i].N));
                }
            }
            return new MeasuredIndicator
            {
                Definition = indicator,
                Overall = Estimate(sums.Overall),
                OverallCompared = Disclosure.Differencing.Nearest(sums.Overall.N, compared.Select(c => c.Overall.N)),
                Groups = groups,
                Compared = comparedN,
            };
        }

        public MeasuredIndicator Difference(IndicatorDefinition indicator, IndicatorValues values, IndicatorDefinition of)
        {
            Estimate Estimate(in DomainSums d) => of.Kind == IndicatorKind.Mean ? Estimator.Mean(d) : Estimator.Proportion(d, options.Ci);
            IndicatorValues Domain(Condition group)
            {
                var mask = RowPredicate.Mask(group, table);
                if (filter is not null)
                    for (var r = 0; r < mask.Length; r++) mask[r] &= filter[r];
                return values.Where(mask);
            }
            var a = Accumulate(Domain(indicator.GroupA!));
            var b = Accumulate(Domain(indicator.GroupB!));
            var groupsA = new Estimate[groupings.Count][];
            var groupsB = new Estimate[groupings.Count][];
            for (var g = 0; g < groupings.Count; g++)
            {
                groupsA[g] = a.Groups[g].Select(d => Estimate(d)).ToArray();
                groupsB[g] = b.Groups[g].Select(d => Estimate(d)).ToArray();
            }
            return new MeasuredIndicator
            {
                Definition = indicator,
                Overall = Estimate(a.Overall),
                PartA = Estimate(a.Overall),
                PartB = Estimate(b.Overall),
                GroupsA = groupsA,
                GroupsB = groupsB,
            };
        }

        /// <summary>
        /// Counts rows (and sums weights and squared weights) per (group, value code) cell, one tight pass per
        /// grouping, then turns each group's cells into its <see cref="DomainSums"/>.
        /// </summary>
        private (DomainSums Overall, DomainSums[][] Groups) Accumulate(IndicatorValues values)
        {
            var codes = values.Codes;
            var width = values.Y.Length;
            var weights = table.Weights;
            if (weights is null) return AccumulateUnweighted(values);
            var overall = Cells.Count(codes, null, 1, width, weights);
            var groups = new DomainSums[groupings.Count][];
            for (var g = 0; g < groupings.Count; g++)
            {
                var cells = Cells.Count(codes, groupings[g].RowGroup, groupings[g].Labels.Length, width, weights);
                groups[g] = new DomainSums[groupings[g].Labels.Length];
                for (var i = 0; i < groups[g].Length; i++) groups[g][i] = cells.Sums(i, values.Y);
            }
            return (overall.Sums(0, values.Y), groups);
        }

        /// <summary>Unweighted data (the usual case): one pass over the rows fills the overall and every grouping's counts.</summary>
        private (DomainSums Overall, DomainSums[][] Groups) AccumulateUnweighted(IndicatorValues values)
        {
            var codes = values.Codes;
            var width = values.Y.Length;
            var count = groupings.Count;
            var rowGroups = new ushort[count][];
            var counts = new long[count][];
            for (var g = 0; g < count; g++)
            {
                rowGroups[g] = groupings[g].RowGroup;
                counts[g] = new long[groupings[g].Labels.Length * width];
            }
            var all = new long[width];
            for (var r = 0; r < codes.Length; r++)
            {
                int c = codes[r];
                if (c == 0) continue;
                all[c]++;
                for (var g = 0; g < count; g++) counts[g][rowGroups[g][r] * width + c]++;
            }
            var groups = new DomainSums[count][];
            for (var g = 0; g < count; g++)
            {
                var cells = new Cells(width, counts[g], null, null);
                groups[g] = new DomainSums[groupings[g].Labels.Length];
                for (var i = 0; i < groups[g].Length; i++) groups[g][i] = cells.Sums(i, values.Y);
            }
            return (new Cells(width, all, null, null).Sums(0, values.Y), groups);
        }
    }

    /// <summary>Row counts and weight sums per (group, value code).</summary>
    private sealed class Cells(int width, long[] count, double[]? sumW, double[]? sumW2)
    {
        public static Cells Count(ushort[] codes, ushort[]? rowGroup, int groups, int width, double[]? weights)
        {
            var count = new long[groups * width];
            if (weights is null)
            {
                if (rowGroup is null)
                {
                    foreach (var c in codes) count[c]++;
                }
                else
                {
                    for (var r = 0; r < codes.Length; r++) count[rowGroup[r] * width + codes[r]]++;
                }
                return new Cells(width, count, null, null);
            }
            var sumW = new double[count.Length];
            var sumW2 = new double[count.Length];
            for (var r = 0; r < codes.Length; r++)
            {
                var cell = (rowGroup is null ? 0 : rowGroup[r] * width) + codes[r];
                var w = weights[r];
                count[cell]++;
                sumW[cell] += w;
                sumW2[cell] += w * w;
            }
            return new Cells(width, count, sumW, sumW2);
        }

        /// <summary>The domain sums of one group: every value code with a value (NaN and code 0 are outside the domain).</summary>
        public DomainSums Sums(int group, double[] y)
        {
            var sums = new DomainSums();
            for (var v = 1; v < width; v++)
            {
                var cell = group * width + v;
                var n = count[cell];
                if (n == 0 || double.IsNaN(y[v])) continue;
                var value = y[v];
                double w = sumW?[cell] ?? n, w2 = sumW2?[cell] ?? n;
                sums.N += n;
                if (value != 0) sums.Positives += n;
                sums.SumW += w;
                sums.SumWY += value * w;
                sums.SumW2 += w2;
                sums.SumW2Y += value * w2;
                sums.SumW2Y2 += value * value * w2;
            }
            return sums;
        }
    }
}

/// <summary>Which group each row falls in for one breakdown, and the groups' labels.</summary>
public sealed class Grouping
{
    private Grouping(Breakdown breakdown, KeyCategories[] keys, string[] labels, ushort[] rowGroup, int[] firstKeyOf, int[] secondKeyOf)
    {
        Breakdown = breakdown;
        Keys = keys;
        Labels = labels;
        RowGroup = rowGroup;
        FirstKeyOf = firstKeyOf;
        SecondKeyOf = secondKeyOf;
    }

    public Breakdown Breakdown { get; }
    /// <summary>The categories of each key of the breakdown (one, or two when crossed).</summary>
    public KeyCategories[] Keys { get; }
    public string[] Labels { get; }
    public ushort[] RowGroup { get; }
    /// <summary>For each group: the category of the first and (two-way breakdowns) second key.</summary>
    public int[] FirstKeyOf { get; }
    public int[] SecondKeyOf { get; }
    public bool IsTwoWay => Breakdown.Keys.Count == 2;

    /// <summary>The category of each key of group <paramref name="index"/>.</summary>
    public int[] CategoriesOf(int index) => IsTwoWay ? [FirstKeyOf[index], SecondKeyOf[index]] : [FirstKeyOf[index]];

    /// <summary>Group indices in the order to show them: codes in definition order, "(not asked)" and "(not answered)" last.</summary>
    public int[] DisplayOrder => IsTwoWay
        ? [.. Keys[0].DisplayOrder().SelectMany(a => Keys[1].DisplayOrder().Select(b => a * Keys[1].Count + b))]
        : [.. Keys[0].DisplayOrder()];

    /// <summary>
    /// Groups rows by the breakdown's keys. With <paramref name="splitNotAsked"/> (the indicators), blanks of an item with
    /// skip logic are "(not asked)" or "(not answered)"; without (the margins of raking), one "(not answered)".
    /// </summary>
    public static Grouping Create(Breakdown breakdown, ResponseTable table, bool splitNotAsked = false) =>
        Create(breakdown, breakdown.Keys.Select(k => KeyCategories.Of(table, k, splitNotAsked)).ToArray(), table.Count);

    public static Grouping Create(Breakdown breakdown, KeyCategories[] keys, int rows)
    {
        if (keys.Length == 1)
        {
            var c = keys[0];
            return new Grouping(breakdown, keys, c.Labels, c.RowValues, Enumerable.Range(0, c.Count).ToArray(), new int[c.Count]);
        }
        var (a, b) = (keys[0], keys[1]);
        var count = a.Count * b.Count;
        if (count > ushort.MaxValue)
            throw new ArgumentException($"Cannot break results down by '{breakdown.Name}': {count} groups are too many.");
        var rowGroup = new ushort[rows];
        for (var r = 0; r < rowGroup.Length; r++)
            rowGroup[r] = (ushort)(a.RowValues[r] * b.Count + b.RowValues[r]);
        var cellLabels = new string[count];
        var first = new int[count];
        var second = new int[count];
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = 0; j < b.Count; j++)
            {
                cellLabels[i * b.Count + j] = $"{a.Labels[i]} x {b.Labels[j]}";
                first[i * b.Count + j] = i;
                second[i * b.Count + j] = j;
            }
        }

        return new Grouping(breakdown, keys, cellLabels, rowGroup, first, second);
    }
}
