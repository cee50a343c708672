using ScottPlot;
using SkiaSharp;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;
using Drawing = SurveyPlatform.Reports.Layout.Drawing;
using TextAlign = SurveyPlatform.Reports.Layout.TextAlign;

namespace SurveyPlatform.Reports.Charts;

/// <summary>One row of the chart: an estimate with its interval (shares, 0–1), or a withheld figure shown as text.</summary>
internal sealed record ChartRow(string Label, double? Estimate, double? Low, double? High, IReadOnlyList<Span>? Withheld = null);

/// <summary>A figure from another study drawn on a row as a hollow diamond, labelled, never mixed with our estimates.</summary>
internal sealed record ChartAnchor(int Row, double Value, string Label);

/// <summary>
/// Indicators as dots with 95% interval whiskers on a 0–100% axis, drawn by ScottPlot straight onto the
/// PDF canvas (vector). ScottPlot draws the data area only; every word and number around it is set by
/// our text engine, so labels are shaped, right to left in Arabic, and real text in the PDF. In Arabic
/// the labels sit on the right and the axis runs from right to left.
/// </summary>
internal static class IndicatorChart
{
    private const float RowHeight = 15;
    private const float AxisHeight = 24;
    private const float Top = 4;

    public static Block Build(ReportContext context, IReadOnlyList<ChartRow> rows, IReadOnlyList<ChartAnchor> anchors, string axisLabel)
    {
        var height = Top + rows.Count * RowHeight + AxisHeight;
        return new Drawing(height, width => Draw(context, rows, anchors, axisLabel, width, height));
    }

    private static Fragment Draw(ReportContext context, IReadOnlyList<ChartRow> rows, IReadOnlyList<ChartAnchor> anchors, string axisLabel, float width, float height)
    {
        var rtl = context.Rtl;
        var labelWidth = width * 0.34f;
        var plotWidth = width - labelWidth - 18;
        var plotLeft = rtl ? 8 : labelWidth + 10;
        var plotHeight = rows.Count * RowHeight;
        var plotRect = new SKRect(plotLeft, Top, plotLeft + plotWidth, Top + plotHeight);
        float X(double share) => plotLeft + (float)(rtl ? 1 - share : share) * plotWidth;
        float Y(int row) => Top + (row + 0.5f) * RowHeight;

        var fragment = new Fragment(width, height);
        var plot = Plot(rows, anchors, rtl);
        fragment.Add(new CanvasOp(plotRect, (canvas, rect) => plot.Render(canvas, new PixelRect(rect.Left, rect.Right, rect.Bottom, rect.Top))));

        for (var i = 0; i < rows.Count; i++)
        {
            var label = context.Text(rows[i].Label, Typography.ChartLabel, TextAlign.End).Measure(labelWidth);
            var labelX = rtl ? width - labelWidth : 0;
            fragment.Add(label, labelX, Y(i) - label.Height / 2);
            if (rows[i].Withheld is { } withheld)
            {
                var text = context.Text(withheld).Measure(plotWidth - 8);
                fragment.Add(text, plotLeft + 4, Y(i) - text.Height / 2);
            }
        }
        foreach (var anchor in anchors)
        {
            var label = context.Text(anchor.Label, Typography.ChartTick.WithColor(Typography.Anchor));
            var anchorWidth = label.Shaped.NaturalWidth + 1;
            var text = label.Measure(anchorWidth);
            // Beside the diamond, past the end of the row's whisker so the label never crosses it.
            var reach = Math.Max(anchor.Value, rows[anchor.Row].High ?? 0);
            var x = X(reach);
            fragment.Add(text, rtl ? x - 6 - anchorWidth : x + 6, Y(anchor.Row) + 0.34f * RowHeight - text.Height / 2);
        }
        for (var tick = 0; tick <= 100; tick += 20)
        {
            var label = context.Format.Percent(tick / 100.0);
            var text = context.Text(label, Typography.ChartTick, TextAlign.Center).Measure(40);
            fragment.Add(text, X(tick / 100.0) - 20, Top + plotHeight + 2);
        }
        var axis = context.Text(axisLabel, Typography.ChartTick, TextAlign.Center).Measure(plotWidth);
        fragment.Add(axis, plotLeft, Top + plotHeight + 12);
        return fragment;
    }

    private static Plot Plot(IReadOnlyList<ChartRow> rows, IReadOnlyList<ChartAnchor> anchors, bool rtl)
    {
        var plot = new Plot();
        plot.Layout.Frameless();
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Axes.SetLimits(rtl ? 100 : 0, rtl ? 0 : 100, rows.Count - 0.5, -0.5);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([0, 20, 40, 60, 80, 100], ["", "", "", "", "", ""]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([], []);
        plot.Grid.MajorLineColor = Color.FromHex("#D9DEE4");
        plot.Grid.MajorLineWidth = 0.5f;

        var shown = rows.Select((r, i) => (r, i)).Where(x => x.r.Estimate is not null && x.r.Low is not null && x.r.High is not null).ToList();
        if (shown.Count > 0)
        {
            var xs = shown.Select(x => x.r.Estimate!.Value * 100).ToArray();
            var ys = shown.Select(x => (double)x.i).ToArray();
            var bars = new ScottPlot.Plottables.ErrorBar(xs, ys,
                shown.Select(x => (x.r.High!.Value - x.r.Estimate!.Value) * 100).ToArray(),
                shown.Select(x => (x.r.Estimate!.Value - x.r.Low!.Value) * 100).ToArray(),
                null, null)
            {
                LineWidth = 1.4f,
                CapSize = 5,
                Color = Color.FromHex("#1D4E89"),
            };
            plot.Add.Plottable(bars);
            plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 6.5f, Color.FromHex("#1D4E89"));
        }
        if (anchors.Count > 0)
        {
            var markers = plot.Add.Markers(anchors.Select(a => a.Value * 100).ToArray(), anchors.Select(a => a.Row + 0.34).ToArray(),
                MarkerShape.OpenDiamond, 7, Color.FromHex("#B4540A"));
            markers.MarkerLineWidth = 1.3f;
        }
        return plot;
    }
}
