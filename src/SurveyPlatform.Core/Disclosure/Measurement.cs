using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Core.Disclosure;

/// <summary>
/// Everything the indicator engine measured for one data set, before disclosure control: every category of every
/// grouping, empty ones included, with its true size. Internal: it never leaves Core as it is.
/// </summary>
internal sealed class Measurement
{
    public required ResponseTable Table { get; init; }
    public required EngineOptions Options { get; init; }
    /// <summary>The breakdowns asked for, then those the trend (<c>wave</c>) and the difference in differences (<c>site x wave</c>) need.</summary>
    public required IReadOnlyList<Grouping> Groupings { get; init; }
    /// <summary>Names of the breakdowns asked for (the tables shown).</summary>
    public required IReadOnlyList<string> Requested { get; init; }
    public Grouping? TrendGrouping { get; init; }
    public Grouping? DidGrouping { get; init; }
    public required IReadOnlyList<string> Waves { get; init; }
    /// <summary>Rows the filter keeps (null: all rows).</summary>
    public bool[]? Filter { get; init; }
    public required IReadOnlyDictionary<string, IndicatorValues> Values { get; init; }
    public required IReadOnlyList<MeasuredIndicator> Indicators { get; init; }
    public double WeightingDesignEffect { get; init; } = 1;
}

/// <summary>One indicator as measured: estimates with their presentation decision and true size, nothing withheld yet.</summary>
internal sealed class MeasuredIndicator
{
    public required IndicatorDefinition Definition { get; init; }
    public required Estimate Overall { get; init; }
    /// <summary>Size of the same figure under the nearest comparable filter (differencing), when filtered.</summary>
    public long? OverallCompared { get; init; }
    /// <summary>[grouping][category]: the estimate in every group (proportions and means).</summary>
    public Estimate[][] Groups { get; init; } = [];
    public long?[][] Compared { get; init; } = [];
    /// <summary>Differences: the two domains compared, overall and in every group.</summary>
    public Estimate? PartA { get; init; }
    public Estimate? PartB { get; init; }
    public Estimate[][] GroupsA { get; init; } = [];
    public Estimate[][] GroupsB { get; init; } = [];
}
