using SurveyPlatform.Reports.Components;
using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Documents;

/// <summary>
/// The full technical report: overview, every indicator overall and by every breakdown, differences,
/// trends and difference in differences, responses received, the methodology in full and the
/// questionnaire as asked in each language used.
/// </summary>
internal sealed class TechnicalReportDocument(ReportContext context) : IReportDocument
{
    private string Kind => context.S("kind_full");

    public string Title => $"{context.SurveyTitle}: {Kind}";
    public PageDecoration? Header => PageDecorations.Header(context, Kind);
    public PageDecoration? Footer => PageDecorations.Footer(context);

    public Block Compose()
    {
        var blocks = new List<Block?>
        {
            new DocumentHeaderComponent(context, Kind).Compose(),
            new OverviewComponent(context).Compose(),
            new IndicatorSummaryComponent(context).Compose(),
            new GroupTablesComponent(context).Compose(),
            new TrendTablesComponent(context).Compose(),
            new ResponseCountsComponent(context).Compose(),
            new MethodologyComponent(context).Compose(),
            new QuestionnaireComponent(context).Compose(),
        };
        return new Stack(blocks.OfType<Block>().ToList(), 10);
    }
}
