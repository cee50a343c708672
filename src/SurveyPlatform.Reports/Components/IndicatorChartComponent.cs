using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Reports.Charts;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>
/// Every share indicator with its interval (headline ones first), each row naming whom the share counts and its n;
/// below, apart, the figures of other studies that ask the same question, each labelled with its people, year and
/// method. A published figure that measures something else (NCVS counts violent victimizations reported, not victims
/// who reported) is not drawn at all: it is cited in words in <see cref="OtherStudiesComponent"/>.
/// </summary>
internal sealed class IndicatorChartComponent(ReportContext context, BriefScope scope)
{
    public Block Compose()
    {
        var shares = ChartIndicators(context).ToList();
        var rows = shares.Select(Row).ToList();
        var blocks = new List<Block>
        {
            context.Heading(context.S("chart_heading")),
            context.Intro(context.S("chart_caption")),
            IndicatorChart.Build(context, rows, context.S("chart_axis")),
        };
        var others = OtherStudiesComponent.Comparable(context).ToList();
        if (others.Count > 0)
        {
            blocks.Add(context.Intro(context.S("other_chart_heading"), Typography.Small.Bold().WithColor(Typography.Anchor)));
            blocks.Add(IndicatorChart.Build(context,
                others.Select(o => new ChartRow(o.Label, o.Detail, o.Value, null, null, OtherStudy: true)).ToList(), context.S("other_chart_axis")));
        }
        return new Stack(blocks, 4);
    }

    /// <summary>Shares of the chart: every proportion indicator except the reasons of a multiple-choice question (they have their own section).</summary>
    public static IEnumerable<IndicatorResult> ChartIndicators(ReportContext context) =>
        context.Report.Indicators.Where(i => i.Kind == IndicatorKind.Proportion && !ReasonsComponent.IsReason(context, i))
            .OrderByDescending(i => i.Definition.Headline);

    private ChartRow Row(IndicatorResult result)
    {
        var estimate = scope.Of(result);
        var label = result.Definition.Label.Get(context.Language);
        var detail = context.Join(new[]
        {
            Base(context, result), estimate.N is { } n ? $"n = {context.Format.Count(n)}" : null, scope.Pooled(result) ? context.S("all_waves") : null,
        }.OfType<string>());
        if (estimate.IsPresented) return new ChartRow(label, detail, estimate.Value, estimate.CiLow, estimate.CiHigh);
        return new ChartRow(label, detail, null, null, null, context.Notes.Cell(DisplayFormat.Withheld, estimate, Typography.ChartLabel.WithColor(Typography.Muted)));
    }

    /// <summary>Whom a share counts, in words: "all who answered", "crime victims who answered"…</summary>
    public static string Base(ReportContext context, IndicatorResult result)
    {
        var keys = new[] { "base_" + result.Id, "base_item_" + result.Definition.Item };
        var key = keys.FirstOrDefault(Localization.ReportStrings.AllKeys.Contains);
        if (key is not null) return context.S(key);
        var asked = result.Definition.Among is not null
            || (result.Definition.Item is { } item && context.Survey?.FindItem(item)?.ShownWhen is not null);
        return context.S(asked ? "base_asked" : "base_answered");
    }
}
