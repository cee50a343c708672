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

    public static Block[] EstimateRow(ReportContext context, IndicatorResult result, string label, Estimate e, bool boldLabel = false) =>
    [
        Cell(context, label, first: true, bold: boldLabel),
        Cell(context, context.Notes.Cell(context.Value(result, e), e, Typography.TableCell)),
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

    public static Block[] DifferenceRow(ReportContext context, IndicatorResult result, string label, Estimate e, bool boldLabel = false) =>
    [
        Cell(context, label, first: true, bold: boldLabel),
        Cell(context, context.Notes.Cell(context.Value(result, e), e, Typography.TableCell)),
        Cell(context, e.IsPresented ? context.Interval(result, e) : DisplayFormat.Withheld),
        Cell(context, e.IsPresented ? context.S(e.Significant == true ? "yes" : "no") : DisplayFormat.Withheld),
        Cell(context, context.S(e.IsPresented ? "yes" : "no")),
    ];

    /// <summary>A difference that cannot exist in this group (a gap by birthplace among people born here): "not applicable", no mark, no number.</summary>
    public static Block[] NotApplicableRow(ReportContext context, string label) =>
    [
        Cell(context, label, first: true),
        Cell(context, context.S("not_applicable")),
        Cell(context, ""),
        Cell(context, ""),
        Cell(context, ""),
    ];

    /// <summary>A row that names a breakdown above its groups.</summary>
    public static Block[] GroupHeading(ReportContext context, string text, int columns) =>
        [Cell(context, text, first: true, bold: true), .. Enumerable.Range(1, columns - 1).Select(_ => (Block)new Spacer(0))];

    public static bool IsDifference(IndicatorResult result) => result.Kind == IndicatorKind.Difference;
}

/// <summary>
/// Whether a difference between two groups can exist within a group of a breakdown: the gap between people born
/// abroad and born here has no meaning among people born here. Decided from the definitions alone (three-valued:
/// a condition on an item fixed by the group is true or false, on any other item unknown), never from counts.
/// </summary>
internal static class Applicability
{
    public static bool Applies(IndicatorDefinition difference, string by, string value)
    {
        var keys = by.Split(" x ");
        var values = value.Split(" x ");
        if (keys.Length != values.Length) return true;
        var fixedValues = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
            fixedValues[keys[i]] = values[i] is GroupEstimate.NotAnswered or GroupEstimate.NotAsked ? null : values[i];
        return Evaluate(difference.GroupA, fixedValues) != false && Evaluate(difference.GroupB, fixedValues) != false;
    }

    /// <summary>True, false, or null when it depends on answers the group does not fix.</summary>
    private static bool? Evaluate(Condition? condition, IReadOnlyDictionary<string, string?> fixedValues) => condition switch
    {
        null => true,
        EqualsCondition c => fixedValues.TryGetValue(c.Key, out var v) ? v is not null && (v == c.Code) != c.Negated : null,
        InCondition c => fixedValues.TryGetValue(c.Key, out var v) ? v is not null && c.Codes.Contains(v) : null,
        AndCondition c => And(Evaluate(c.Left, fixedValues), Evaluate(c.Right, fixedValues)),
        OrCondition c => Or(Evaluate(c.Left, fixedValues), Evaluate(c.Right, fixedValues)),
        NotCondition c => Evaluate(c.Inner, fixedValues) is { } inner ? !inner : null,
        _ => null,
    };

    private static bool? And(bool? a, bool? b) => a == false || b == false ? false : a == true && b == true ? true : null;

    private static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a == false && b == false ? false : null;
}
