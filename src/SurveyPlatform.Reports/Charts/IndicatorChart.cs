using ScottPlot;
using SkiaSharp;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;
using Drawing = SurveyPlatform.Reports.Layout.Drawing;
using TextAlign = SurveyPlatform.Reports.Layout.TextAlign;

namespace SurveyPlatform.Reports.Charts;

/// <summary>
/// One row of the chart: a label, a detail line under it (the row's base and n), and an estimate with its interval
/// (shares, 0–1), a withheld figure shown as text, or, for a figure from another study, a single value drawn as a diamond.
/// </summary>
internal sealed record ChartRow(string Label, string? Detail, double? Estimate, double? Low, double? High,
    IReadOnlyList<Span>? Withheld = null, bool OtherStudy = false);

/// <summary>
/// Indicators as dots with 95% interval whiskers on a 0–100% axis, drawn by ScottPlot straight onto the
/// PDF canvas (vector). ScottPlot draws the data area only; every word and number around it is set by
/// our text engine, so labels are shaped, right to left in Arabic, and real text in the PDF. In Arabic
/// the labels sit on the right and the axis runs from right to left. Figures of other studies are drawn
/// in a chart of their own (<see cref="ChartRow.OtherStudy"/>: hollow diamonds, no interval), never on a row of ours.
/// </summary>
internal static class IndicatorChart
{
    private const float AxisHeight = 26;
    private const float Top = 4;
    private const float LabelShare = 0.40f;

    /// <summary>The chart as a block; its rows share one height, that of the tallest label with its detail line at the width it gets.</summary>
    public static Block Build(ReportContext context, IReadOnlyList<ChartRow> rows, string axisLabel) => new ChartBlock(context, rows, axisLabel);

    /// <summary>Fewest rows drawn on a page when the chart continues on the next (each part has its own axis).</summary>
    private const int MinRowsPerPart = 4;

    private sealed class ChartBlock(ReportContext context, IReadOnlyList<ChartRow> rows, string axisLabel, float? rowHeight = null) : Block
    {
        private (float Width, float RowHeight)? _measured = rowHeight is { } h ? (0, h) : null;

        public override Placement Place(Space space)
        {
            if (_measured is not { } m || (m.Width != space.Width && m.Width != 0))
                _measured = m = (space.Width, RowHeight(context, rows, space.Width * LabelShare));
            var height = Top + rows.Count * m.RowHeight + AxisHeight;
            if (height <= space.Height || space.PageTop && height <= space.Height + 0.01f) return Placement.All(Draw(context, rows, axisLabel, space.Width, height, m.RowHeight));
            // Too tall for the room left: draw the rows that fit (never fewer than four, nor leave fewer than four), continue on the next page.
            var fit = (int)((space.Height - Top - AxisHeight) / m.RowHeight);
            fit = Math.Min(fit, rows.Count - MinRowsPerPart);
            if (fit < MinRowsPerPart)
                return space.PageTop ? Placement.All(Draw(context, rows, axisLabel, space.Width, height, m.RowHeight)) : Placement.Nothing(this);
            var part = rows.Take(fit).ToList();
            var placed = Draw(context, part, axisLabel, space.Width, Top + fit * m.RowHeight + AxisHeight, m.RowHeight);
            return new Placement(placed, new ChartBlock(context, rows.Skip(fit).ToList(), axisLabel, m.RowHeight));
        }
    }

    private static float RowHeight(ReportContext context, IReadOnlyList<ChartRow> rows, float labelWidth) =>
        Math.Max(15, rows.Select(r => Label(context, r).Measure(labelWidth).Height + 5).DefaultIfEmpty(15).Max());

    private static Paragraph Label(ReportContext context, ChartRow row)
    {
        var style = row.OtherStudy ? Typography.ChartLabel.WithColor(Typography.Anchor) : Typography.ChartLabel;
        var spans = new List<Span> { new(row.Label, style) };
        if (row.Detail is { } detail) spans.Add(new Span("\n" + detail, Typography.ChartTick));
        return context.Text(spans, TextAlign.End);
    }

    private static Fragment Draw(ReportContext context, IReadOnlyList<ChartRow> rows, string axisLabel, float width, float height, float rowHeight)
    {
        var rtl = context.Rtl;
        var labelWidth = width * LabelShare;
        var plotWidth = width - labelWidth - 18;
        var plotLeft = rtl ? 8 : labelWidth + 10;
        var plotHeight = rows.Count * rowHeight;
        var plotRect = new SKRect(plotLeft, Top, plotLeft + plotWidth, Top + plotHeight);
        float X(double share) => plotLeft + (float)(rtl ? 1 - share : share) * plotWidth;
        float Y(int row) => Top + (row + 0.5f) * rowHeight;

        var fragment = new Fragment(width, height);
        var plot = Plot(rows, rtl);
        fragment.Add(new CanvasOp(plotRect, (canvas, rect) => plot.Render(canvas, new PixelRect(rect.Left, rect.Right, rect.Bottom, rect.Top))));

        for (var i = 0; i < rows.Count; i++)
        {
            var label = Label(context, rows[i]).Measure(labelWidth);
            var labelX = rtl ? width - labelWidth : 0;
            fragment.Add(label, labelX, Y(i) - label.Height / 2);
            if (rows[i].Withheld is { } withheld)
            {
                var text = context.Text(withheld).Measure(plotWidth - 8);
                fragment.Add(text, plotLeft + 4, Y(i) - text.Height / 2);
            }
            else if (rows[i].OtherStudy && rows[i].Estimate is { } value)
            {
                // The value beside its diamond, on the side with more room.
                var valueText = context.Text(context.Format.Percent(value), Typography.ChartTick.WithColor(Typography.Anchor));
                var valueWidth = valueText.Shaped.NaturalWidth + 1;
                var measured = valueText.Measure(valueWidth);
                var x = X(value);
                var toTheRight = rtl ? value >= 0.85 : value < 0.85;
                var left = toTheRight ? x + 7 : x - 7 - valueWidth;
                fragment.Add(measured, left, Y(i) - measured.Height / 2);
            }
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

    private static Plot Plot(IReadOnlyList<ChartRow> rows, bool rtl)
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

        var shown = rows.Select((r, i) => (r, i)).Where(x => !x.r.OtherStudy && x.r.Estimate is not null && x.r.Low is not null && x.r.High is not null).ToList();
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
        var others = rows.Select((r, i) => (r, i)).Where(x => x.r.OtherStudy && x.r.Estimate is not null).ToList();
        if (others.Count > 0)
        {
            var markers = plot.Add.Markers(others.Select(x => x.r.Estimate!.Value * 100).ToArray(), others.Select(x => (double)x.i).ToArray(),
                MarkerShape.OpenDiamond, 7.5f, Color.FromHex("#B4540A"));
            markers.MarkerLineWidth = 1.3f;
        }
        return plot;
    }
}
