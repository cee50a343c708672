using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Reports.Charts;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>Every share indicator with its interval, headline ones first, and the published anchors on the rows they compare with.</summary>
internal sealed class IndicatorChartComponent(ReportContext context, Footnotes notes)
{
    /// <summary>Figures of other studies (indicators.md): shown beside results, never mixed into them.</summary>
    public static readonly IReadOnlyList<(string Indicator, double Value, string Label)> Anchors =
    [
        ("reporting_rate", 0.42, "NCVS 2022"),
        ("victim_chill", 0.44, "Theodore 2013"),
    ];

    public Block Compose()
    {
        var shares = context.Report.Indicators.Where(i => i.Kind == IndicatorKind.Proportion)
            .OrderByDescending(i => i.Definition.Headline).ToList();
        var rows = shares.Select(i => i.Overall.IsPresented
            ? new ChartRow(i.Definition.Label.Get(context.Language), i.Overall.Value, i.Overall.CiLow, i.Overall.CiHigh)
            : new ChartRow(i.Definition.Label.Get(context.Language), null, null, null,
                notes.Cell(DisplayFormat.Withheld, i.Overall, Typography.ChartLabel.WithColor(Typography.Muted)))).ToList();
        var anchors = Anchors.Select(a => (a, row: shares.FindIndex(s => s.Id == a.Indicator))).Where(x => x.row >= 0)
            .Select(x => new ChartAnchor(x.row, x.a.Value, $"{x.a.Label}: {context.Format.Percent(x.a.Value)}")).ToList();
        return new KeepTogether(new Stack(
        [
            context.Heading(context.S("chart_heading")),
            IndicatorChart.Build(context, rows, anchors, context.S("chart_axis")),
            context.Text(context.S("chart_caption"), Typography.Small),
        ], 4));
    }
}
