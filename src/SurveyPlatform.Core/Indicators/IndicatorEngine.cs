using SurveyPlatform.Core.Definitions;
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
/// decisions and privacy suppression of indicators.md. Each indicator is one pass over its rows that
/// fills the overall sums and every breakdown's group sums at once.
/// </summary>
public static class IndicatorEngine
{
    public static IndicatorReport Compute(ResponseTable table, EngineOptions? options = null)
    {
        options ??= new EngineOptions();
        if (options.MinCell < EngineOptions.SmallestMinCell)
            throw new ArgumentException($"The privacy threshold (min cell) is {options.MinCell}; allowed: {EngineOptions.SmallestMinCell} or more.");
        var definition = table.Definition;
        var filter = options.Filter is null ? null : RowPredicate.Mask(options.Filter, table);
        // What a filtered figure is compared with for differencing: all rows, and every filter one condition away.
        bool[]?[] neighbours = options.Filter is null ? []
            : [null, .. PrivacySuppression.Neighbours(options.Filter).Select(c => RowPredicate.Mask(c, table))];
        var groupings = options.Breakdowns.Select(b => Grouping.Create(b, table)).ToList();
        var waves = WaveOrder(table);
        var trendGrouping = waves.Count >= 2 ? Grouping.Create(Breakdown.Of(ResponseTable.Wave), table) : null;
        var didGrouping = options.Did is not null && waves.Count >= 2 && table.Has(ResponseTable.Site)
            ? Grouping.Create(Breakdown.Of(ResponseTable.Site, ResponseTable.Wave), table) : null;
        var extra = new[] { trendGrouping, didGrouping }.OfType<Grouping>().ToList();
        // A breakdown asked for by name (e.g. --by wave) is computed once, whether it serves the tables or the trends.
        var all = groupings.Concat(extra).DistinctBy(g => g.Breakdown.Name).ToList();

        var values = new Dictionary<string, IndicatorValues>();
        foreach (var indicator in definition.Indicators.Where(i => i.Kind != IndicatorKind.Difference))
            values[indicator.Id] = IndicatorValues.Compute(indicator, table);

        var computations = definition.Indicators.Select(indicator => new Func<IndicatorOutput>(() =>
        {
            var context = new DomainContext(table, all, options, filter, neighbours);
            return indicator.Kind == IndicatorKind.Difference
                ? context.Difference(indicator, values[indicator.Of!], Find(definition, indicator.Of!))
                : context.Single(indicator, values[indicator.Id]);
        })).ToArray();
        var outputs = new IndicatorOutput[computations.Length];
        Parallel.For(0, computations.Length, i => outputs[i] = computations[i]());

        var results = outputs.Select(o => o.Result with
        {
            Groups = o.Groups.Where(g => groupings.Any(x => x.Breakdown.Name == g.By)).ToList(),
        }).ToList();
        var trends = trendGrouping is null ? [] : outputs.Where(o => o.Result.Kind != IndicatorKind.Difference)
            .Select(o => Trend(o, waves)).ToList();
        var dids = didGrouping is null ? [] : outputs.Where(o => o.Result.Kind != IndicatorKind.Difference)
            .Select(o => DifferenceInDifferences(o, options.Did!.Value, waves[0], waves[^1])).ToList();

        return new IndicatorReport
        {
            Survey = definition.Id,
            SurveyVersion = definition.Version,
            Responses = table.Count,
            Weighted = table.Weights is not null,
            Synthetic = table.Synthetic,
            InputSha256 = options.InputSha256,
            MinCell = options.MinCell,
            CiMethod = options.Ci == CiMethod.Wilson ? "wilson" : "kg",
            Breakdowns = options.Breakdowns.Select(b => b.Name).ToList(),
            Indicators = results,
            Trends = trends,
            DifferenceInDifferences = dids,
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

    private static TrendResult Trend(IndicatorOutput output, IReadOnlyList<string> waves)
    {
        var byWave = output.Groups.Where(g => g.By == ResponseTable.Wave).ToDictionary(g => g.Value);
        var ordered = waves.Where(byWave.ContainsKey).Select(w => byWave[w]).ToList();
        var changes = new List<WaveChange>();
        for (var i = 1; i < ordered.Count; i++)
            changes.Add(new WaveChange(ordered[i - 1].Value, ordered[i].Value, Estimator.Difference(ordered[i].Estimate, ordered[i - 1].Estimate)));
        var firstToLast = ordered.Count < 2 ? null
            : new WaveChange(ordered[0].Value, ordered[^1].Value, Estimator.Difference(ordered[^1].Estimate, ordered[0].Estimate));
        return new TrendResult(output.Result.Id, ordered, changes) { FirstToLast = firstToLast };
    }

    private static DidResult DifferenceInDifferences(IndicatorOutput output, (string Site, string ComparisonSite) sites, string before, string after)
    {
        var name = Breakdown.Of(ResponseTable.Site, ResponseTable.Wave).Name;
        var cells = output.Groups.Where(g => g.By == name).ToDictionary(g => g.Value, g => g.Estimate);
        Estimate Cell(string site, string wave) => cells.TryGetValue($"{site} x {wave}", out var e) ? e
            : new Estimate { Decision = Decisions.Suppress, Reasons = [Decisions.Privacy] };
        var siteChange = Estimator.Difference(Cell(sites.Site, after), Cell(sites.Site, before));
        var comparisonChange = Estimator.Difference(Cell(sites.ComparisonSite, after), Cell(sites.ComparisonSite, before));
        var did = Estimator.Difference(siteChange, comparisonChange);
        return new DidResult(output.Result.Id, sites.Site, sites.ComparisonSite, before, after, siteChange, comparisonChange, did);
    }

    internal sealed record IndicatorOutput(IndicatorResult Result, IReadOnlyList<GroupEstimate> Groups);

    /// <summary>The sums of one indicator's domain, overall and per group of every grouping, in one pass.</summary>
    private sealed class DomainContext(ResponseTable table, IReadOnlyList<Grouping> groupings, EngineOptions options, bool[]? filter, bool[]?[] neighbours)
    {
        public IndicatorOutput Single(IndicatorDefinition indicator, IndicatorValues values)
        {
            var sums = Accumulate(filter is null ? values : values.Where(filter));
            var compared = neighbours.Select(mask => Accumulate(mask is null ? values : values.Where(mask))).ToList();
            Estimate Estimate(in DomainSums d) => (indicator.Kind == IndicatorKind.Mean ? Estimator.Mean(d) : Estimator.Proportion(d, options.Ci)).Published();
            var overall = PrivacySuppression.Overall(Estimate(sums.Overall), sums.Overall.N,
                PrivacySuppression.Nearest(sums.Overall.N, compared.Select(c => c.Overall.N)), options.MinCell);
            var groups = new List<GroupEstimate>();
            for (var g = 0; g < groupings.Count; g++)
            {
                var grouping = groupings[g];
                var cells = new List<PrivacySuppression.Cell>();
                foreach (var i in grouping.DisplayOrder)
                {
                    var d = sums.Groups[g][i];
                    if (grouping.Labels[i] is null || d.N == 0) continue;
                    cells.Add(new PrivacySuppression.Cell(i, Estimate(d), d.N, PrivacySuppression.Nearest(d.N, compared.Select(c => c.Groups[g][i].N))));
                }
                groups.AddRange(PrivacySuppression.Apply(grouping, cells, options.MinCell));
            }
            return new IndicatorOutput(new IndicatorResult { Id = indicator.Id, Kind = indicator.Kind, Definition = indicator, Overall = overall }, groups);
        }

        public IndicatorOutput Difference(IndicatorDefinition indicator, IndicatorValues values, IndicatorDefinition of)
        {
            Estimate Estimate(in DomainSums d) => (of.Kind == IndicatorKind.Mean ? Estimator.Mean(d) : Estimator.Proportion(d, options.Ci)).Published();
            Estimate Part(in DomainSums d) => d.N < options.MinCell ? new Estimate { Decision = Decisions.Suppress, Reasons = [Decisions.Privacy] } : Estimate(d);
            IndicatorValues Domain(Condition group)
            {
                var mask = RowPredicate.Mask(group, table);
                if (filter is not null)
                    for (var r = 0; r < mask.Length; r++) mask[r] &= filter[r];
                return values.Where(mask);
            }
            var a = Accumulate(Domain(indicator.GroupA!));
            var b = Accumulate(Domain(indicator.GroupB!));
            var overall = Estimator.Difference(Part(a.Overall), Part(b.Overall));
            var groups = new List<GroupEstimate>();
            for (var g = 0; g < groupings.Count; g++)
            {
                var grouping = groupings[g];
                foreach (var i in grouping.DisplayOrder)
                {
                    if (grouping.Labels[i] is not { } label || a.Groups[g][i].N + b.Groups[g][i].N == 0) continue;
                    groups.Add(new GroupEstimate(grouping.Breakdown.Name, label, Estimator.Difference(Part(a.Groups[g][i]), Part(b.Groups[g][i]))));
                }
            }
            return new IndicatorOutput(new IndicatorResult { Id = indicator.Id, Kind = indicator.Kind, Definition = indicator, Overall = overall }, groups);
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

/// <summary>Which group each row falls in for one breakdown, and the groups' labels (null: no such group).</summary>
public sealed class Grouping
{
    private Grouping(Breakdown breakdown, string?[] labels, ushort[] rowGroup, int[] firstKeyOf, int[] secondKeyOf)
    {
        Breakdown = breakdown;
        Labels = labels;
        RowGroup = rowGroup;
        FirstKeyOf = firstKeyOf;
        SecondKeyOf = secondKeyOf;
    }

    public Breakdown Breakdown { get; }
    public string?[] Labels { get; }
    public ushort[] RowGroup { get; }
    /// <summary>For two-way breakdowns: the index of the first and second key's value of each group (slices for complementary suppression).</summary>
    public int[] FirstKeyOf { get; }
    public int[] SecondKeyOf { get; }
    public bool IsTwoWay => Breakdown.Keys.Count == 2;
    /// <summary>Group indices in the order to show them: codes in definition order, "(not answered)" last.</summary>
    public int[] DisplayOrder => Enumerable.Range(0, Labels.Length)
        .OrderBy(i => FirstKeyOf[i] == 0).ThenBy(i => FirstKeyOf[i])
        .ThenBy(i => IsTwoWay && SecondKeyOf[i] == 0).ThenBy(i => SecondKeyOf[i]).ToArray();

    public static Grouping Create(Breakdown breakdown, ResponseTable table)
    {
        var columns = breakdown.Keys.Select(k => table[k] as CategoryColumn
            ?? throw new ArgumentException($"Cannot break results down by '{k}': not a single-choice column.")).ToList();
        static string Label(CategoryColumn c, int i) => i == 0 ? GroupEstimate.NotAnswered : c.Codes[i]!;
        if (columns.Count == 1)
        {
            var c = columns[0];
            var labels = Enumerable.Range(0, c.CodeCount).Select(i => (string?)Label(c, i)).ToArray();
            return new Grouping(breakdown, labels, c.Values, Enumerable.Range(0, c.CodeCount).ToArray(), new int[c.CodeCount]);
        }
        var (a, b) = (columns[0], columns[1]);
        var count = a.CodeCount * b.CodeCount;
        if (count > ushort.MaxValue)
            throw new ArgumentException($"Cannot break results down by '{breakdown.Name}': {count} groups are too many.");
        var rowGroup = new ushort[table.Count];
        for (var r = 0; r < rowGroup.Length; r++)
            rowGroup[r] = (ushort)(a.Values[r] * b.CodeCount + b.Values[r]);
        var cellLabels = new string?[count];
        var first = new int[count];
        var second = new int[count];
        for (var i = 0; i < a.CodeCount; i++)
            for (var j = 0; j < b.CodeCount; j++)
            {
                cellLabels[i * b.CodeCount + j] = $"{Label(a, i)} x {Label(b, j)}";
                first[i * b.CodeCount + j] = i;
                second[i * b.CodeCount + j] = j;
            }
        return new Grouping(breakdown, cellLabels, rowGroup, first, second);
    }
}
