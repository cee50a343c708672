using SurveyPlatform.Reports.Components;
using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Documents;

/// <summary>
/// The police-chief brief (two to four pages): headline figures, the chart, who is most affected, change
/// since the previous wave, other studies, what the numbers can and cannot say, and how it was done.
/// </summary>
internal sealed class ChiefBriefDocument(ReportContext context) : IReportDocument
{
    private string Kind => context.S("kind_brief");

    public string Title => $"{context.SurveyTitle}: {Kind}";
    public PageDecoration? Header => PageDecorations.Header(context, Kind);
    public PageDecoration? Footer => PageDecorations.Footer(context);

    public Block Compose()
    {
        var figureNotes = new Footnotes(context);
        var laterNotes = new Footnotes(context);
        var intro = string.IsNullOrWhiteSpace(context.Request.Place)
            ? context.F("brief_intro", context.Format.Count(context.Report.Responses))
            : context.F("brief_intro_place", context.Format.Count(context.Report.Responses), context.Isolate(context.Request.Place!));
        var blocks = new List<Block?>
        {
            new DocumentHeaderComponent(context, Kind).Compose(),
            context.Text(intro, Typography.Body),
            context.Heading(context.S("headline_heading")),
            context.Text(context.S("headline_note"), Typography.Small),
            new HeadlineFiguresComponent(context, figureNotes).Compose(),
            new IndicatorChartComponent(context, figureNotes).Compose(),
            figureNotes.Any ? figureNotes.Compose() : null,
            new GapsComponent(context, laterNotes).Compose(),
            new TrendComponent(context, laterNotes).Compose(),
            laterNotes.Any ? laterNotes.Compose() : null,
            new OtherStudiesComponent(context).Compose(),
            new LimitsComponent(context).Compose(),
            new MethodologyBoxComponent(context).Compose(),
        };
        return new Stack(blocks.OfType<Block>().ToList(), 8);
    }
}
