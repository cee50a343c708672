using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Core.Weighting;

/// <summary>Population totals for the categories of one variable, or of two crossed (<c>area x age_group</c>).</summary>
public sealed record Margin(Breakdown Variables, IReadOnlyDictionary<string, double> Totals);

public sealed record RakingOptions
{
    /// <summary>Stop when no weighted margin total moves by more than this between two sweeps (R: control$epsilon).</summary>
    public double Epsilon { get; init; } = 1e-7;
    public int MaxIterations { get; init; } = 100;
    /// <summary>Weights are kept within [lower, upper] × the mean weight (null: no trimming), re-raking after each trim.</summary>
    public double? TrimLower { get; init; }
    public double? TrimUpper { get; init; }
}

public sealed record RakingResult(double[] Weights, int Iterations, bool Converged, double MaxDeviation, int Trimmed,
    double DesignEffect, double MinWeight, double MaxWeight);

public sealed class MarginsException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Raking (iterative proportional fitting) to population margins, as R's <c>survey::rake</c>: sweep the
/// margins, post-stratifying to each in turn (multiply the weights in every category by population total /
/// weighted sample total), until the margins stop moving. Optional trimming keeps weights within bounds.
/// </summary>
public static class Raking
{
    public const string NotAnswered = GroupEstimate.NotAnswered;

    public static RakingResult Rake(ResponseTable table, IReadOnlyList<Margin> margins, RakingOptions? options = null)
    {
        options ??= new RakingOptions();
        var groupings = margins.Select(m => Grouping.Create(m.Variables, table)).ToList();
        var targets = new double[margins.Count][];
        var problems = new List<string>();
        for (var m = 0; m < margins.Count; m++)
        {
            var grouping = groupings[m];
            var present = new long[grouping.Labels.Length];
            foreach (var g in grouping.RowGroup) present[g]++;
            targets[m] = new double[grouping.Labels.Length];
            for (var g = 0; g < grouping.Labels.Length; g++)
            {
                var label = grouping.Labels[g]!;
                var has = margins[m].Totals.TryGetValue(label, out var total);
                if (present[g] > 0 && !has)
                    problems.Add($"margin {margins[m].Variables.Name}: {present[g]} responses have '{label}' but the margins give no total for it; add a row '{margins[m].Variables.Name},{label},<total>'");
                else if (present[g] == 0 && has && total > 0)
                    problems.Add($"margin {margins[m].Variables.Name}: category '{label}' has a population total of {total.ToString(CultureInfo.InvariantCulture)} but no responses; merge it with a neighbouring category");
                targets[m][g] = has ? total : 0;
            }
            foreach (var label in margins[m].Totals.Keys.Where(l => !grouping.Labels.Contains(l)))
                problems.Add($"margin {margins[m].Variables.Name}: '{label}' is not a category of {margins[m].Variables.Name}; allowed: {string.Join(", ", grouping.Labels.Where(l => l is not null))}");
        }
        if (problems.Count > 0) throw new MarginsException(problems);

        var w = new double[table.Count];
        for (var r = 0; r < w.Length; r++) w[r] = table.Weight(r);
        var iterations = 0;
        var deviation = double.PositiveInfinity;
        var trimmed = 0;
        while (iterations < options.MaxIterations)
        {
            iterations++;
            foreach (var (grouping, target) in groupings.Zip(targets))
            {
                var current = Totals(grouping, w);
                var factor = new double[current.Length];
                for (var g = 0; g < factor.Length; g++) factor[g] = current[g] > 0 ? target[g] / current[g] : 1;
                for (var r = 0; r < w.Length; r++) w[r] *= factor[grouping.RowGroup[r]];
            }
            trimmed = Trim(w, options);
            deviation = 0;
            foreach (var (grouping, target) in groupings.Zip(targets))
            {
                var current = Totals(grouping, w);
                for (var g = 0; g < current.Length; g++) deviation = Math.Max(deviation, Math.Abs(current[g] - target[g]));
            }
            if (deviation < options.Epsilon) break;
        }
        double sum = 0, sum2 = 0;
        foreach (var x in w) { sum += x; sum2 += x * x; }
        return new RakingResult(w, iterations, deviation < options.Epsilon, deviation, trimmed,
            w.Length * sum2 / (sum * sum), w.Min(), w.Max());
    }

    private static double[] Totals(Grouping grouping, double[] w)
    {
        var totals = new double[grouping.Labels.Length];
        for (var r = 0; r < w.Length; r++) totals[grouping.RowGroup[r]] += w[r];
        return totals;
    }

    /// <summary>Clamps weights to the bounds around the mean weight, repeating while clamping moves the mean.</summary>
    private static int Trim(double[] w, RakingOptions options)
    {
        if (options.TrimLower is null && options.TrimUpper is null) return 0;
        var trimmed = new bool[w.Length];
        for (var pass = 0; pass < 50; pass++)
        {
            var mean = w.Average();
            var low = (options.TrimLower ?? 0) * mean;
            var high = (options.TrimUpper ?? double.PositiveInfinity) * mean;
            var changed = false;
            for (var r = 0; r < w.Length; r++)
            {
                if (w[r] < low * (1 - 1e-12)) { w[r] = low; trimmed[r] = changed = true; }
                else if (w[r] > high * (1 + 1e-12)) { w[r] = high; trimmed[r] = changed = true; }
            }
            if (!changed) break;
        }
        return trimmed.Count(t => t);
    }

    /// <summary>
    /// Reads margins from CSV with columns <c>margin,category,total</c>, e.g. <c>gender,woman,5120</c> or
    /// <c>area x age_group,area_1 x 18_24,830</c>. Blank answers can be given a total as <c>(not answered)</c>.
    /// </summary>
    public static IReadOnlyList<Margin> ReadMargins(string path, Definitions.SurveyDefinition definition)
    {
        var problems = new List<string>();
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) throw new MarginsException([$"{name}: file not found"]);
        var byMargin = new Dictionary<string, (Breakdown Variables, Dictionary<string, double> Totals)>();
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
            throw new MarginsException([$"{name}: the file is empty; expected a header 'margin,category,total'"]);
        if (!(header.Length == 3 && header[0] == "margin" && header[1] == "category" && header[2] == "total"))
            throw new MarginsException([$"{name}, line 1: the header is '{string.Join(",", header)}'; expected 'margin,category,total'"]);
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var (margin, category, totalText) = (csv.GetField(0)?.Trim() ?? "", csv.GetField(1)?.Trim() ?? "", csv.GetField(2)?.Trim() ?? "");
            Breakdown variables;
            try { variables = Breakdown.Parse(margin, definition); }
            catch (ArgumentException e) { problems.Add($"{name}, line {line}, column margin: {e.Message}"); continue; }
            if (!double.TryParse(totalText, NumberStyles.Float, CultureInfo.InvariantCulture, out var total) || !(total >= 0) || !double.IsFinite(total))
            {
                problems.Add($"{name}, line {line}, column total: '{totalText}' is not allowed; allowed: a population count of 0 or more");
                continue;
            }
            if (!byMargin.TryGetValue(variables.Name, out var entry))
                byMargin[variables.Name] = entry = (variables, new Dictionary<string, double>());
            var normalized = string.Join(" x ", category.Split(" x ", StringSplitOptions.TrimEntries));
            if (!entry.Totals.TryAdd(normalized, total))
                problems.Add($"{name}, line {line}, column category: '{category}' of margin {variables.Name} appears twice");
        }
        if (byMargin.Count == 0 && problems.Count == 0) problems.Add($"{name}: no margins; expected rows such as 'gender,woman,5120'");
        if (problems.Count > 0) throw new MarginsException(problems);
        return byMargin.Values.Select(m => new Margin(m.Variables, m.Totals)).ToList();
    }
}
