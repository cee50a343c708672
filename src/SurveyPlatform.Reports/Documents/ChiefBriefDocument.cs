using SurveyPlatform.Reports.Components;
using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Documents;

/// <summary>
/// The police-chief brief (two to four pages): headline figures, the chart, who is most affected, change
/// since the previous wave, other studies, what the numbers can and cannot say, and how it was done.
/// </summary>
internal sealed class ChiefBriefDocument(ReportContext context) : ReportDocument(context, "kind_brief")
{
    public override Block Compose()
    {
        var figureNotes = new Footnotes(Context);
        var laterNotes = new Footnotes(Context);
        var intro = string.IsNullOrWhiteSpace(Context.Request.Place)
            ? Context.F("brief_intro", Context.Format.Count(Context.Report.Responses))
            : Context.F("brief_intro_place", Context.Format.Count(Context.Report.Responses), Context.Isolate(Context.Request.Place!));
        var blocks = new List<Block?>
        {
            new DocumentHeaderComponent(Context, Kind).Compose(),
            Context.Text(intro, Typography.Body),
            Context.Heading(Context.S("headline_heading")),
            Context.Text(Context.S("headline_note"), Typography.Small),
            new HeadlineFiguresComponent(Context, figureNotes).Compose(),
            new IndicatorChartComponent(Context, figureNotes).Compose(),
            figureNotes.Any ? figureNotes.Compose() : null,
            new GapsComponent(Context, laterNotes).Compose(),
            new TrendComponent(Context, laterNotes).Compose(),
            laterNotes.Any ? laterNotes.Compose() : null,
            new OtherStudiesComponent(Context).Compose(),
            new LimitsComponent(Context).Compose(),
            new MethodologyBoxComponent(Context).Compose(),
        };
        return new Stack(blocks.OfType<Block>().ToList(), 8);
    }
}
