using SurveyPlatform.Reports.Components;
using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Documents;

/// <summary>
/// The police-chief brief (two to four pages): what the figures cover, the figure a department can act on, the
/// headline figures of the latest wave, where the chill is greater, the trend across all waves, the chart, results
/// by area over time, why victims did not report, other studies, what the numbers can and cannot say, and how the
/// survey was done.
/// </summary>
internal sealed class ChiefBriefDocument(ReportContext context) : ReportDocument(context, "kind_brief")
{
    public override Block Compose()
    {
        var scope = new BriefScope(Context);
        var intro = string.IsNullOrWhiteSpace(Context.Request.Place)
            ? Context.F("brief_intro", Context.Format.Count(Context.Report.Responses))
            : Context.F("brief_intro_place", Context.Format.Count(Context.Report.Responses), Context.Isolate(Context.Request.Place!));
        var blocks = new List<Block?>
        {
            new DocumentHeaderComponent(Context, Kind).Compose(),
            Context.Text(Context.Sentences(intro, scope.Statement()), Typography.Body),
            new ActionableComponent(Context, scope).Compose(),
            Context.Heading(Context.S("headline_heading")),
            Context.Intro(Context.S("headline_note")),
            new HeadlineFiguresComponent(Context, scope).Compose(),
            new GapsComponent(Context, scope).Compose(),
            new TrendComponent(Context).Compose(),
            new IndicatorChartComponent(Context, scope).Compose(),
            new AreaTrendComponent(Context).Compose(),
            new ReasonsComponent(Context, scope).Compose(),
            new OtherStudiesComponent(Context).Compose(),
            new LimitsComponent(Context).Compose(),
            new MethodologyBoxComponent(Context).Compose(),
        };
        return new Stack(blocks.OfType<Block>().ToList(), 8);
    }
}
