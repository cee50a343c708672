using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>The headline indicators as big numbers, each with its 95% interval, its meaning and n; four cards a row.</summary>
internal sealed class HeadlineFiguresComponent(ReportContext context, Footnotes notes)
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
        var estimate = result.Overall;
        var value = new List<Span>(notes.Cell(context.Value(result, estimate), estimate, Typography.BigNumber));
        if (result.Kind == IndicatorKind.Mean && estimate.IsPresented)
            value.Add(new Span(" " + context.S("out_of_100"), Typography.Small));
        var blocks = new List<Block>
        {
            context.Text(result.Definition.Label.Get(context.Language), Typography.CardLabel),
            context.Text(value),
        };
        if (estimate.IsPresented)
            blocks.Add(context.Text($"{context.S("ci95")}: {context.Interval(result, estimate)}", Typography.Small.WithColor(Typography.Ink)));
        else
            blocks.Add(context.Text(context.S("not_shown"), Typography.Small));
        if (result.Definition.Description is { } description)
            blocks.Add(context.Text(description.Get(context.Language), Typography.Footnote));
        if (estimate.N is { } n)
            blocks.Add(context.Text(context.Isolate($"n = {context.Format.Count(n)}"), Typography.Footnote));
        return new Stack(blocks, 1.5f);
    }
}
