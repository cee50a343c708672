using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>
/// The headline indicators in every wave and the change from the first wave to the last, with its interval: the
/// whole trend, not only the last step (a rise of 5 points over three waves can hide behind a +1 in the last one).
/// </summary>
internal sealed class TrendComponent(ReportContext context)
{
    /// <summary>At most this many wave columns; with more waves the first and the latest ones are shown.</summary>
    private const int MaxWaveColumns = 4;

    public Block? Compose()
    {
        var trends = context.Report.Trends
            .Where(t => t.FirstToLast is not null && context.Report.Find(t.IndicatorId) is { Definition.Headline: true, Kind: not IndicatorKind.Difference })
            .ToList();
        if (trends.Count == 0) return null;
        var all = trends[0].Waves.Select(w => w.Value).ToList();
        var waves = all.Count <= MaxWaveColumns ? all : [all[0], .. all.TakeLast(MaxWaveColumns - 1)];
        var first = trends[0].FirstToLast!.From;
        var last = trends[0].FirstToLast!.To;
        var header = new List<Block> { context.Text(context.S("col_indicator"), Typography.TableHeader) };
        header.AddRange(waves.Select(w => (Block)context.Text(context.Isolate(w), Typography.TableHeader, TextAlign.End)));
        header.Add(context.Text(context.F("col_change_from_to", context.Isolate(first), context.Isolate(last)), Typography.TableHeader, TextAlign.End));
        header.Add(context.Text(context.S("ci95"), Typography.TableHeader, TextAlign.End));
        header.Add(context.Text(context.S("col_clear"), Typography.TableHeader, TextAlign.End));
        var rows = new List<IReadOnlyList<Block>>();
        foreach (var trend in trends)
        {
            var result = context.Report.Find(trend.IndicatorId)!;
            var change = trend.FirstToLast!;
            var row = new List<Block> { Tables.Cell(context, result.Definition.Label.Get(context.Language), first: true) };
            row.AddRange(waves.Select(w => Tables.Cell(context, context.Notes.Cell(context.Value(result, Wave(trend, w)), Wave(trend, w), Typography.TableCell))));
            row.AddRange(ChangeCells(context, result, Wave(trend, change.From), Wave(trend, change.To), change.Change));
            rows.Add(row);
        }
        var widths = new List<float> { 2.4f };
        widths.AddRange(waves.Select(_ => 0.9f));
        widths.AddRange([1.2f, 1.5f, 0.7f]);
        return new KeepTogether(new Stack(
        [
            context.Heading(context.S("trend_heading")),
            context.Intro(context.F("trend_note", context.Isolate(first), context.Isolate(last), all.Count)),
            new Table(widths, header, rows, context.Rtl, Typography.Table),
        ], 4));
    }

    public static Estimate Wave(TrendResult trend, string wave) => trend.Waves.FirstOrDefault(w => w.Value == wave)?.Estimate
        ?? new Estimate { Decision = Decisions.Suppress, Reasons = [Decisions.Privacy] };

    /// <summary>The indicator read as a difference of itself between waves (shares give points).</summary>
    public static IndicatorResult AsChange(IndicatorResult result) =>
        result with { Kind = IndicatorKind.Difference, Definition = result.Definition with { Of = result.Id } };

    /// <summary>
    /// Change, interval and "clear?" cells. A change is computed from unrounded figures; where it differs from the
    /// difference of the two rounded figures printed beside it, a note says so (it never contradicts them silently).
    /// </summary>
    public static Block[] ChangeCells(ReportContext context, IndicatorResult result, Estimate from, Estimate to, Estimate change)
    {
        var asChange = AsChange(result);
        var notes = context.Notes.Of(change).ToList();
        if (RoundingDiffers(result, from, to, change)) notes.Add(context.Notes.Note(context.S("note_rounding")));
        return
        [
            Tables.Cell(context, Footnotes.Marked(context.Value(asChange, change), Typography.TableCell, notes)),
            Tables.Cell(context, change.IsPresented ? context.Interval(asChange, change) : DisplayFormat.Withheld),
            Tables.Cell(context, change.IsPresented ? context.S(change.Significant == true ? "yes" : "no") : DisplayFormat.Withheld),
        ];
    }

    /// <summary>True when the printed change is not the difference of the printed wave figures.</summary>
    public static bool RoundingDiffers(IndicatorResult result, Estimate from, Estimate to, Estimate change)
    {
        if (!from.IsPresented || !to.IsPresented || !change.IsPresented || from.Value is not { } a || to.Value is not { } b || change.Value is not { } d) return false;
        var kind = result.Kind;
        var fromDecimals = DisplayFormat.Decimals(from, kind);
        var toDecimals = DisplayFormat.Decimals(to, kind);
        var changeDecimals = DisplayFormat.Decimals(change, IndicatorKind.Difference, kind);
        var decimals = Math.Max(changeDecimals, Math.Max(fromDecimals, toDecimals));
        var printed = DisplayFormat.Displayed(d, changeDecimals, IndicatorKind.Difference, kind);
        var implied = DisplayFormat.Displayed(b, toDecimals, kind) - DisplayFormat.Displayed(a, fromDecimals, kind);
        return Math.Abs(Math.Round(printed - implied, decimals)) > 1e-9;
    }
}

/// <summary>
/// An indicator by area in each wave (results by area over time), when the report was computed by area × wave: in the
/// brief the first headline share, in the technical report every headline indicator.
/// </summary>
internal sealed class AreaTrendComponent(ReportContext context, IndicatorResult? only = null)
{
    public static readonly string Breakdown = $"area x {ResponseTable.Wave}";

    public Block? Compose()
    {
        var result = only ?? context.Report.Indicators.FirstOrDefault(i => i.Definition.Headline && i.Kind == IndicatorKind.Proportion && i.Groups.Any(g => g.By == Breakdown));
        if (result is null || result.Kind == IndicatorKind.Difference) return null;
        var cells = result.Groups.Where(g => g.By == Breakdown).Select(g => (Parts: g.Value.Split(" x "), g.Estimate)).Where(c => c.Parts.Length == 2).ToList();
        var waves = cells.Select(c => c.Parts[1]).Where(w => w is not GroupEstimate.NotAnswered and not GroupEstimate.NotAsked).Distinct().Order(StringComparer.Ordinal).ToList();
        var areas = cells.Select(c => c.Parts[0]).Distinct().ToList();
        if (waves.Count < 2 || areas.Count == 0) return null;
        var header = new List<Block> { context.Text(context.BreakdownName("area"), Typography.TableHeader) };
        header.AddRange(waves.Select(w => (Block)context.Text(context.Isolate(w), Typography.TableHeader, TextAlign.End)));
        var rows = areas.Select(area => (IReadOnlyList<Block>)[
            Tables.Cell(context, context.GroupLabel("area", area), first: true),
            .. waves.Select(w => cells.FirstOrDefault(c => c.Parts[0] == area && c.Parts[1] == w).Estimate is { } e
                ? Tables.Cell(context, context.Notes.Cell(context.Value(result, e), e, Typography.TableCell))
                : Tables.Cell(context, DisplayFormat.Withheld)),
        ]).ToList();
        var label = result.Definition.Label.Get(context.Language);
        return new KeepTogether(new Stack(
        [
            context.Heading(context.F("area_trend_heading", label), only is null ? null : Typography.Subheading),
            context.Intro(context.F("area_trend_note", result.Definition.Description?.Get(context.Language) ?? label)),
            new Table([2.4f, .. waves.Select(_ => 1f)], header, rows, context.Rtl, Typography.Table),
        ], 4));
    }
}
