using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>Who is most affected: the status gap and the household spillover, each with its interval and whether chance could explain it.</summary>
internal sealed class GapsComponent(ReportContext context, Footnotes notes)
{
    public static readonly IReadOnlyList<string> Shown = ["status_gap", "household_spillover"];

    public Block? Compose()
    {
        var gaps = Shown.Select(id => context.Report.Find(id)).OfType<IndicatorResult>().ToList();
        if (gaps.Count == 0) return null;
        var blocks = new List<Block> { context.Heading(context.S("gaps_heading")) };
        blocks.AddRange(gaps.Select(Gap));
        return new Stack(blocks, 5);
    }

    private Block Gap(IndicatorResult gap)
    {
        var e = gap.Overall;
        var unit = context.ComparedKind(gap) == IndicatorKind.Proportion ? "points" : "score_points";
        var spans = new List<Span> { new(gap.Definition.Label.Get(context.Language) + ": ", Typography.BodyBold) };
        if (e.IsPresented)
        {
            spans.Add(new Span(context.F(unit, context.Value(gap, e)), Typography.BodyBold.WithColor(Typography.Accent)));
            spans.Add(new Span($" ({context.S("ci95")}: {context.Interval(gap, e)}). ", Typography.Body));
        }
        else
        {
            spans.AddRange(notes.Cell(DisplayFormat.Withheld, e, Typography.BodyBold));
            spans.Add(new Span(" ", Typography.Body));
        }
        if (gap.Definition.Description is { } description)
            spans.Add(new Span(description.Get(context.Language) + ". ", Typography.Body));
        if (e.IsPresented)
            spans.Add(new Span(context.S(e.Significant == true ? "clear_difference" : "unclear_difference"), Typography.Body));
        return context.Text(spans);
    }
}
