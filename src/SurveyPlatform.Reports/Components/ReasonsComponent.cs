using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>
/// Why victims did not report: every reason of the multiple-choice question, each share of the victims who answered
/// it, largest first, not only fear of immigration questions (the survey declares one indicator per reason).
/// </summary>
internal sealed class ReasonsComponent(ReportContext context, BriefScope? scope = null)
{
    /// <summary>A share counting one answer of a multiple-choice question that has several such indicators.</summary>
    public static bool IsReason(ReportContext context, IndicatorResult result) =>
        result.Kind == IndicatorKind.Proportion && result.Definition.Item is { } key
        && context.Survey?.FindItem(key)?.Type == ItemType.Multiple
        && context.Report.Indicators.Count(i => i.Kind == IndicatorKind.Proportion && i.Definition.Item == key) > 1;

    public Block? Compose()
    {
        var reasons = context.Report.Indicators.Where(i => IsReason(context, i)).ToList();
        if (reasons.Count == 0) return null;
        var item = reasons[0].Definition.Item!;
        Estimate Of(IndicatorResult r) => scope?.Of(r) ?? r.Overall;
        var ordered = reasons.OrderByDescending(r => Of(r).IsPresented).ThenByDescending(r => Of(r).Value ?? -1).ToList();
        var rows = ordered.Select(r =>
        {
            var e = Of(r);
            var notes = context.Notes.Of(e).ToList();
            if (scope is not null && scope.Pooled(r)) notes.Add(context.Notes.Note(scope.PooledNote()));
            return (IReadOnlyList<Block>)
            [
                Tables.Cell(context, Option(r) ?? r.Definition.Label.Get(context.Language), first: true),
                Tables.Cell(context, Footnotes.Marked(context.Value(r, e), Typography.TableCell, notes)),
                Tables.Cell(context, e.IsPresented ? context.Interval(r, e) : DisplayFormat.Withheld),
            ];
        }).ToList();
        var n = ordered.Select(Of).Where(e => e.N is not null).Select(e => e.N!.Value).DefaultIfEmpty().Max();
        var intro = context.Sentences(context.F("reasons_note", context.Quote(context.QuestionText(item))), n > 0 ? $"n = {context.Format.Count(n)}" : null);
        if (!ordered.Any(r => Of(r).IsPresented))
        {
            // Every reason withheld: one sentence with the reasons' notes instead of a table of dashes.
            var notes = ordered.SelectMany(r => context.Notes.Of(Of(r))).Distinct().ToList();
            return new KeepTogether(new Stack(
            [
                context.Heading(context.S("reasons_heading")),
                context.Text([.. Footnotes.Marked(context.Sentences(intro, context.S("reasons_none")), Typography.Small, notes)]),
            ], 4));
        }
        return new KeepTogether(new Stack(
        [
            context.Heading(context.S("reasons_heading")),
            context.Intro(intro),
            new Table([3.4f, 0.9f, 1.4f], Tables.Header(context, context.S("col_reason"), context.S("col_share"), context.S("ci95")), rows, context.Rtl, Typography.Table),
        ], 4));
    }

    /// <summary>The answer a reason counts, as respondents read it ("Fear of questions about immigration status").</summary>
    private string? Option(IndicatorResult reason)
    {
        if (reason.Definition.Positive.Count != 1 || context.Survey?.FindItem(reason.Definition.Item!) is not { } item) return null;
        return item.FindOption(reason.Definition.Positive[0])?.Label.Get(context.QuestionnaireLanguage);
    }
}
