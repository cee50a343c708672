using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>Building blocks for the technical report's tables: headers, cells, and the columns of an estimate.</summary>
internal static class Tables
{
    public static Block[] Header(ReportContext context, params string[] labels) =>
        labels.Select((label, i) => (Block)context.Text(label, Typography.TableHeader, i == 0 ? TextAlign.Start : TextAlign.End)).ToArray();

    public static Block Cell(ReportContext context, string text, bool first = false, bool bold = false) =>
        context.Text(text, bold ? Typography.TableCell.Bold() : Typography.TableCell, first ? TextAlign.Start : TextAlign.End);

    public static Block Cell(ReportContext context, IReadOnlyList<Span> spans) => context.Text(spans, TextAlign.End);

    /// <summary>The columns after the label for a share or score: estimate, 95% CI, n, n_eff, shown (withheld figures print —, never a number).</summary>
    public static IReadOnlyList<string> EstimateHeaders(ReportContext context) =>
        [context.S("col_estimate"), context.S("ci95"), "n", "n_eff", context.S("col_shown")];

    public static readonly float[] EstimateWidths = [3.2f, 1.1f, 1.5f, 0.9f, 0.9f, 0.8f];

    public static Block[] EstimateRow(ReportContext context, Footnotes notes, IndicatorResult result, string label, Estimate e, bool boldLabel = false) =>
    [
        Cell(context, label, first: true, bold: boldLabel),
        Cell(context, notes.Cell(context.Value(result, e), e, Typography.TableCell)),
        Cell(context, e.IsPresented ? context.Interval(result, e) : DisplayFormat.Withheld),
        Cell(context, e.N is { } n ? context.Format.Count(n) : DisplayFormat.Withheld),
        // Scores have no effective sample size: blank, not "—" (which means withheld).
        Cell(context, result.Kind == IndicatorKind.Mean ? "" : e.IsPresented && e.NEff is { } nEff ? context.Format.Whole(nEff) : DisplayFormat.Withheld),
        Cell(context, context.S(e.IsPresented ? "yes" : "no")),
    ];

    /// <summary>The columns of a difference: difference, 95% CI, clear (interval excludes 0), shown.</summary>
    public static IReadOnlyList<string> DifferenceHeaders(ReportContext context) =>
        [context.S("col_difference"), context.S("ci95"), context.S("col_clear"), context.S("col_shown")];

    public static readonly float[] DifferenceWidths = [3.2f, 1.1f, 1.7f, 0.8f, 0.8f];

    public static Block[] DifferenceRow(ReportContext context, Footnotes notes, IndicatorResult result, string label, Estimate e, bool boldLabel = false) =>
    [
        Cell(context, label, first: true, bold: boldLabel),
        Cell(context, notes.Cell(context.Value(result, e), e, Typography.TableCell)),
        Cell(context, e.IsPresented ? context.Interval(result, e) : DisplayFormat.Withheld),
        Cell(context, e.IsPresented ? context.S(e.Significant == true ? "yes" : "no") : DisplayFormat.Withheld),
        Cell(context, context.S(e.IsPresented ? "yes" : "no")),
    ];

    /// <summary>A row that names a breakdown above its groups.</summary>
    public static Block[] GroupHeading(ReportContext context, string text, int columns) =>
        [Cell(context, text, first: true, bold: true), .. Enumerable.Range(1, columns - 1).Select(_ => (Block)new Spacer(0))];

    public static bool IsDifference(IndicatorResult result) => result.Kind == IndicatorKind.Difference;
}
