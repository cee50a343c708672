using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Components;

/// <summary>
/// Published figures of other studies (indicators.md: shown beside results, never mixed into them), with full
/// citations: who was asked, when, how, and what exactly was counted.
/// </summary>
internal sealed class OtherStudiesComponent(ReportContext context)
{
    /// <summary>
    /// Figures of other studies that asked the same question as one of our indicators (Theodore 2013 is the source of
    /// the chill items), drawn in the chart beside, not on, our rows. Theodore's 28% for US-born Latinos is not shown:
    /// it could not be checked against the report.
    /// </summary>
    private static readonly IReadOnlyList<(string Indicator, double Value, string Label, string Detail)> SameQuestion =
    [
        ("victim_chill", 0.44, "other_theodore_all", "other_theodore_detail"),
        ("victim_chill", 0.70, "other_theodore_undocumented", "other_theodore_detail"),
    ];

    /// <summary>The figures of other studies to draw beside this report's chart (only those whose indicator the report has).</summary>
    public static IEnumerable<(string Label, string Detail, double Value)> Comparable(ReportContext context) =>
        SameQuestion.Where(s => context.Report.Find(s.Indicator) is not null).Select(s => (context.S(s.Label), context.S(s.Detail), s.Value));

    /// <summary>The full citations, also printed by the annex.</summary>
    public static IReadOnlyList<string> Citations(ReportContext context) => [context.S("anchor_theodore"), context.S("anchor_ncvs")];

    public Block Compose() => new Box(new Stack(
    [
        new Paragraph([new Text.Span(context.S("anchors_heading"), Typography.Subheading.WithColor(Typography.Anchor))], context.Rtl, context.Language) { KeepWithNext = true },
        context.Intro(context.S("anchors_note")),
        context.Bullets(Citations(context), Typography.Small.WithColor(Typography.Ink)),
    ], 3), 8, Typography.White, Typography.Anchor, 3);
}

/// <summary>
/// What the numbers can and cannot say: who was reached and how, whether the sample is random, what the intervals
/// mean for such a sample, weighting, many comparisons, associations not causes, and the assumption behind a
/// difference in differences.
/// </summary>
internal sealed class LimitsComponent(ReportContext context, bool full = false)
{
    public Block Compose() => new Stack(
    [
        context.Heading(context.S("limits_heading")),
        context.Bullets(Lines(context, full)),
    ], 4);

    public static IReadOnlyList<string> Lines(ReportContext context, bool full)
    {
        var report = context.Report;
        var lines = new List<string>
        {
            context.Request.RandomSample ? context.S("limit_who_random") : context.S("limit_who"),
            context.S(context.Request.RandomSample ? "limit_intervals_random" : "limit_intervals"),
        };
        if (report.Weighted) lines.Add(WeightingLine(context));
        lines.Add(context.S("limit_say_do"));
        lines.Add(context.S("limit_cause"));
        lines.Add(context.F("limit_multiple", context.Format.Count(Comparisons(context, full))));
        if (full && report.DifferenceInDifferences.Count > 0) lines.Add(context.S("limit_parallel"));
        lines.Add(context.S("limit_compare"));
        return lines;
    }

    /// <summary>How many figures the document tests for a clear difference (gaps, changes, differences in differences).</summary>
    public static int Comparisons(ReportContext context, bool full)
    {
        var report = context.Report;
        var gaps = report.Indicators.Count(i => i.Kind == IndicatorKind.Difference);
        if (!full) return gaps + report.Trends.Count(t => t.FirstToLast is not null && report.Find(t.IndicatorId)?.Definition.Headline == true);
        var groups = report.Indicators.Where(i => i.Kind == IndicatorKind.Difference).Sum(i => i.Groups.Count);
        return gaps + groups + report.Trends.Sum(t => t.Changes.Count + (t.Changes.Count > 1 ? 1 : 0)) + report.DifferenceInDifferences.Count;
    }

    public static string WeightingLine(ReportContext context)
    {
        var report = context.Report;
        var effective = context.Format.Count((long)Math.Round(report.Responses / report.WeightingDesignEffect));
        var on = context.Request.WeightingVariables is { Count: > 0 } variables
            ? context.F("limit_weighted_on", context.List(variables.Select(v => context.InSentence(context.BreakdownName(v)))))
            : context.S("limit_weighted_unknown");
        return context.Sentences(on, context.F("limit_weighted_effective", effective, context.Format.Count(report.Responses), context.Format.Decimal2(report.WeightingDesignEffect)));
    }
}
