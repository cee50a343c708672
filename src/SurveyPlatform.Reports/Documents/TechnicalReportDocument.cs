using SurveyPlatform.Reports.Components;
using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Documents;

/// <summary>
/// The full technical report: overview, what the numbers can and cannot say, every indicator overall and by every
/// breakdown, differences, trends (results by area over time) and difference in differences, responses received
/// and weighting, the methodology in full and the questionnaire as asked in each language used.
/// </summary>
internal sealed class TechnicalReportDocument(ReportContext context) : ReportDocument(context, "kind_full")
{
    public override Block Compose()
    {
        var blocks = new List<Block?>
        {
            new DocumentHeaderComponent(Context, Kind).Compose(),
            new OverviewComponent(Context).Compose(),
            new LimitsComponent(Context, full: true).Compose(),
            new IndicatorSummaryComponent(Context).Compose(),
            new GroupTablesComponent(Context).Compose(),
            new TrendTablesComponent(Context).Compose(),
            new ResponseCountsComponent(Context).Compose(),
            new MethodologyComponent(Context).Compose(),
            new QuestionnaireComponent(Context).Compose(),
        };
        return new Stack(blocks.OfType<Block>().ToList(), 10);
    }
}
