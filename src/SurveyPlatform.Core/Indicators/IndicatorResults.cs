using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Indicators;

/// <summary>Whether a figure may be shown. Reasons and flags use the words of indicators.md.</summary>
public static class Decisions
{
    public const string Present = "present";
    public const string Suppress = "suppress";

    // Reasons a figure is not published.
    public const string Privacy = "privacy";
    public const string Complementary = "complementary";
    public const string Differencing = "differencing";
    public const string NEffBelow30 = "n_eff<30";
    public const string WidthAtLeast30 = "width>=0.30";
    public const string RelativeWidth = "relative_width>1.30";
    public const string NBelow30 = "n<30";
    public const string RelativeSe = "relative_se>=0.30";
    /// <summary>A difference whose parts cannot both be published.</summary>
    public const string PartSuppressed = "part_suppressed";
    /// <summary>A difference in a group where one of its two sides cannot exist (e.g. the status gap among people never asked their status).</summary>
    public const string NotApplicable = "not_applicable";

    // Flags on presented figures.
    public const string ComplementFlag = "complement";
    public const string DfBelow8 = "df<8";
    public const string ZeroOrAll = "zero_or_all";
}

/// <summary>
/// One published (or withheld) figure. When <see cref="Decision"/> is <c>suppress</c> the numbers are
/// null; <see cref="N"/> is null as well when the reason is privacy or complementary suppression.
/// </summary>
public sealed record Estimate
{
    public double? Value { get; init; }
    public double? Se { get; init; }
    public double? CiLow { get; init; }
    public double? CiHigh { get; init; }
    public long? N { get; init; }
    public double? NEff { get; init; }
    public int? Df { get; init; }
    public required string Decision { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public IReadOnlyList<string> Flags { get; init; } = [];
    /// <summary>Differences only: the 95% CI excludes 0.</summary>
    public bool? Significant { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsPresented => Decision == Decisions.Present;
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsPrivacySuppressed => Reasons.Contains(Decisions.Privacy) || Reasons.Contains(Decisions.Complementary)
        || Reasons.Contains(Decisions.Differencing);

    /// <summary>What may leave the engine: a suppressed figure keeps its decision, reasons and n, never its numbers.</summary>
    public Estimate Published() => IsPresented ? this
        : this with { Value = null, Se = null, CiLow = null, CiHigh = null, NEff = null, Df = null, Significant = null };

    /// <summary>The figure withheld for <paramref name="reason"/>; the size is kept only for reliability reasons.</summary>
    public Estimate Withheld(string reason) => new()
    {
        Decision = Decisions.Suppress,
        Reasons = [reason],
        N = reason is Decisions.Privacy or Decisions.Complementary or Decisions.Differencing ? null : N,
    };
}

/// <summary>An estimate in one group of a breakdown. Two-way breakdowns read <c>by = "area x born_here"</c>, <c>value = "area_1 x yes"</c>.</summary>
public sealed record GroupEstimate(string By, string Value, Estimate Estimate)
{
    /// <summary>Value for rows that were shown the breakdown item and left it blank (skipped, or left blank or refused on paper).</summary>
    public const string NotAnswered = "(not answered)";
    /// <summary>Value for rows whose earlier answers hid the breakdown item (skip logic): they were never asked.</summary>
    public const string NotAsked = "(not asked)";
}

public sealed record IndicatorResult
{
    public required string Id { get; init; }
    public required IndicatorKind Kind { get; init; }
    public required IndicatorDefinition Definition { get; init; }
    public required Estimate Overall { get; init; }
    public IReadOnlyList<GroupEstimate> Groups { get; init; } = [];
}

/// <summary>An indicator's estimate in each wave, with the change from one wave to the next.</summary>
public sealed record TrendResult(string IndicatorId, IReadOnlyList<GroupEstimate> Waves, IReadOnlyList<WaveChange> Changes)
{
    /// <summary>Last wave minus first wave (the whole trend at a glance); null with fewer than two waves. Equals the only change with two.</summary>
    public WaveChange? FirstToLast { get; init; }
}

/// <summary>Estimate in <see cref="To"/> minus estimate in <see cref="From"/> (independent samples).</summary>
public sealed record WaveChange(string From, string To, Estimate Change)
{
    /// <summary>The change from the first wave to the last, when there are at least two.</summary>
    public static WaveChange? FirstToLast(IReadOnlyList<GroupEstimate> waves) => waves.Count < 2 ? null
        : new WaveChange(waves[0].Value, waves[^1].Value, Estimator.Difference(waves[^1].Estimate, waves[0].Estimate));
}

/// <summary>
/// Difference in differences: (change at <see cref="Site"/>) − (change at <see cref="ComparisonSite"/>)
/// between two waves, e.g. a county that joined an enforcement programme against one that opted out.
/// </summary>
public sealed record DidResult(string IndicatorId, string Site, string ComparisonSite, string Before, string After,
    Estimate SiteChange, Estimate ComparisonChange, Estimate Did);

/// <summary>Everything the engine computes for one data set: what the CLI prints and the reports draw.</summary>
public sealed record IndicatorReport
{
    public required string Survey { get; init; }
    public required string SurveyVersion { get; init; }
    public required long Responses { get; init; }
    public required bool Weighted { get; init; }
    public bool Synthetic { get; init; }
    public string? InputSha256 { get; init; }
    public required int MinCell { get; init; }
    public required string CiMethod { get; init; }
    public required IReadOnlyList<string> Breakdowns { get; init; }
    public required IReadOnlyList<IndicatorResult> Indicators { get; init; }
    public IReadOnlyList<TrendResult> Trends { get; init; } = [];
    public IReadOnlyList<DidResult> DifferenceInDifferences { get; init; } = [];
    /// <summary>Kish design effect due to weighting, n / ((Σw)²/Σw²); 1 when unweighted.</summary>
    public double WeightingDesignEffect { get; init; } = 1;

    public IndicatorResult? Find(string id) => Indicators.FirstOrDefault(i => i.Id == id);

    /// <summary>The number of responses as it may be published: withheld (null) below the privacy threshold.</summary>
    public long? PublishedResponses => Responses >= MinCell ? Responses : null;
}

/// <summary>Trends built from separate data sets, one per wave (a survey run once per wave, each published on its own).</summary>
public static class WaveTrends
{
    /// <summary>
    /// Each indicator of <paramref name="waves"/>' reports across the waves, in the order given, with the change from each
    /// wave to the next. Every figure comes from an already published report; a change is a difference of two
    /// published figures (withheld when either is).
    /// </summary>
    public static IReadOnlyList<TrendResult> Across(IReadOnlyList<(string Wave, IndicatorReport Report)> waves)
    {
        if (waves.Count < 2) return [];
        var trends = new List<TrendResult>();
        foreach (var indicator in waves[^1].Report.Indicators.Where(i => i.Kind != IndicatorKind.Difference))
        {
            var points = waves.Select(w => new GroupEstimate("wave", w.Wave, w.Report.Find(indicator.Id)?.Overall
                ?? new Estimate { Decision = Decisions.Suppress, Reasons = [Decisions.Privacy] })).ToList();
            var changes = new List<WaveChange>();
            for (var i = 1; i < points.Count; i++)
                changes.Add(new WaveChange(points[i - 1].Value, points[i].Value, Estimator.Difference(points[i].Estimate, points[i - 1].Estimate)));
            trends.Add(new TrendResult(indicator.Id, points, changes) { FirstToLast = WaveChange.FirstToLast(points) });
        }
        return trends;
    }
}
