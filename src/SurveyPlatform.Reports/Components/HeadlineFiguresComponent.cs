using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>
/// The headline indicators as big numbers (the brief's scope: the latest wave when there are several), each with
/// its 95% interval, its meaning, n, and the effective sample size when answers are weighted; four cards a row.
/// </summary>
internal sealed class HeadlineFiguresComponent(ReportContext context, BriefScope scope)
{
    public const int PerRow = 4;

    public Block Compose()
    {
        var headline = context.Report.Indicators.Where(i => i.Definition.Headline && i.Kind != IndicatorKind.Difference).ToList();
        var rows = headline.Chunk(PerRow).Select(chunk =>
        {
            var cells = chunk.Select(Card).ToList();
            while (cells.Count < PerRow) cells.Add(new Spacer(0));
            return (Block)new Row(cells, context.Rtl, 8) { CellBackground = Typography.AccentLight, CellPadding = 6 };
        }).ToList();
        return new Stack(rows, 8);
    }

    private Block Card(IndicatorResult result)
    {
        var estimate = scope.Of(result);
        var notes = context.Notes.Of(estimate).ToList();
        if (scope.Pooled(result)) notes.Add(context.Notes.Note(scope.PooledNote()));
        var value = new List<Span>(Footnotes.Marked(context.Value(result, estimate), Typography.BigNumber, notes));
        if (result.Kind == IndicatorKind.Mean && estimate.IsPresented)
            value.Add(new Span(" " + context.S("out_of_100"), Typography.Small));
        var blocks = new List<Block>
        {
            context.Text(result.Definition.Label.Get(context.Language), Typography.CardLabel),
            context.Text(value),
        };
        if (estimate.IsPresented)
            blocks.Add(context.Text(context.Labelled(context.S("ci95"), context.Interval(result, estimate)), Typography.Small.WithColor(Typography.Ink)));
        else
            blocks.Add(context.Text(context.S("not_shown"), Typography.Small));
        if (result.Definition.Description is { } description)
            blocks.Add(context.Text(description.Get(context.Language), Typography.Footnote));
        if (SampleSize(context, result, estimate) is { } n)
            blocks.Add(context.Text(n, Typography.Footnote));
        return new Stack(blocks, 1.5f);
    }

    /// <summary>"n = 1,012", with "effective n = 640" beside it when answers are weighted (shares only).</summary>
    public static string? SampleSize(ReportContext context, IndicatorResult result, Estimate estimate)
    {
        if (estimate.N is not { } n) return null;
        var text = context.Isolate($"n = {context.Format.Count(n)}");
        if (context.Report.Weighted && result.Kind == IndicatorKind.Proportion && estimate.IsPresented && estimate.NEff is { } nEff)
            text = context.Join([text, context.F("n_effective", context.Format.Whole(nEff))]);
        return text;
    }
}
