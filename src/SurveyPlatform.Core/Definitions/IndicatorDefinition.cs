namespace SurveyPlatform.Core.Definitions;

public enum IndicatorKind { Proportion, Mean, Difference }

/// <summary>
/// An indicator declared in the survey definition (data, not code), per indicators.md:
/// <list type="bullet">
/// <item>proportion: y = 1 when <see cref="Item"/>'s answer is in <see cref="Positive"/> (or, for a
/// multiple-choice item, contains one of them); denominator = answered, minus <see cref="Excluded"/>,
/// restricted to rows where <see cref="Among"/> holds.</item>
/// <item>mean: per respondent <see cref="Scale"/> × mean of the answered <see cref="Items"/>.</item>
/// <item>difference: <see cref="Of"/> among <see cref="GroupA"/> minus among <see cref="GroupB"/>.</item>
/// </list>
/// </summary>
public sealed record IndicatorDefinition
{
    public required string Id { get; init; }
    public required IndicatorKind Kind { get; init; }
    public required LocalizedText Label { get; init; }
    /// <summary>Plain-language sentence for reports, e.g. "would be less likely to call the police as a victim".</summary>
    public LocalizedText? Description { get; init; }
    public string? Item { get; init; }
    public IReadOnlyList<string> Positive { get; init; } = [];
    /// <summary>Answer codes left out of the denominator (default <c>refuse</c>).</summary>
    public IReadOnlyList<string> Excluded { get; init; } = ["refuse"];
    public Condition? Among { get; init; }
    public string? AmongSource { get; init; }
    public IReadOnlyList<string> Items { get; init; } = [];
    public double Scale { get; init; } = 1;
    public string? Of { get; init; }
    public Condition? GroupA { get; init; }
    public string? GroupASource { get; init; }
    public Condition? GroupB { get; init; }
    public string? GroupBSource { get; init; }
    /// <summary>True for the headline indicators shown on the police-chief brief.</summary>
    public bool Headline { get; init; }
}
