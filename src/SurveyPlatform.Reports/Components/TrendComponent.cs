using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>The headline indicators in the last two waves and the change between them, when there was a previous wave.</summary>
internal sealed class TrendComponent(ReportContext context, Footnotes notes)
{
    public Block? Compose()
    {
        var trends = context.Report.Trends
            .Where(t => t.Changes.Count > 0 && context.Report.Find(t.IndicatorId) is { Definition.Headline: true })
            .ToList();
        if (trends.Count == 0) return null;
        var last = trends[0].Changes[^1];
        var style = Typography.TableCell;
        var header = new Block[]
        {
            context.Text(context.S("col_indicator"), Typography.TableHeader),
            context.Text(context.Isolate(last.From), Typography.TableHeader, TextAlign.End),
            context.Text(context.Isolate(last.To), Typography.TableHeader, TextAlign.End),
            context.Text(context.S("col_change"), Typography.TableHeader, TextAlign.End),
            context.Text(context.S("ci95"), Typography.TableHeader, TextAlign.End),
            context.Text(context.S("col_clear"), Typography.TableHeader, TextAlign.End),
        };
        var rows = new List<IReadOnlyList<Block>>();
        foreach (var trend in trends)
        {
            var result = context.Report.Find(trend.IndicatorId)!;
            var change = trend.Changes.FirstOrDefault(c => c.From == last.From && c.To == last.To);
            if (change is null) continue;
            Estimate Wave(string wave) => trend.Waves.FirstOrDefault(w => w.Value == wave)?.Estimate
                ?? new Estimate { Decision = Decisions.Suppress, Reasons = [Decisions.Privacy] };
            var changeResult = result with { Kind = IndicatorKind.Difference, Definition = result.Definition with { Of = result.Id } };
            rows.Add(
            [
                context.Text(result.Definition.Label.Get(context.Language), style),
                context.Text(notes.Cell(context.Value(result, Wave(last.From)), Wave(last.From), style), TextAlign.End),
                context.Text(notes.Cell(context.Value(result, Wave(last.To)), Wave(last.To), style), TextAlign.End),
                context.Text(notes.Cell(context.Value(changeResult, change.Change), change.Change, style), TextAlign.End),
                context.Text(context.Interval(changeResult, change.Change), style, TextAlign.End),
                context.Text(change.Change.IsPresented ? context.S(change.Change.Significant == true ? "yes" : "no") : DisplayFormat.Withheld, style, TextAlign.End),
            ]);
        }
        return new KeepTogether(new Stack(
        [
            context.Heading(context.S("trend_heading")),
            context.Text(context.F("trend_note", context.Isolate(last.From), context.Isolate(last.To)), Typography.Small),
            new Table([2.6f, 1, 1, 1, 1.5f, 0.8f], header, rows, context.Rtl, Typography.Table),
        ], 4));
    }
}
