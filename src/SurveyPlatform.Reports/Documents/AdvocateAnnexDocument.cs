using SurveyPlatform.Reports.Components;
using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Documents;

/// <summary>The advocate annex (one page): three key findings, a citation line with a QR code to the public results, and a reproducibility footer.</summary>
internal sealed class AdvocateAnnexDocument(ReportContext context) : IReportDocument
{
    private string Kind => context.S("kind_annex");

    public string Title => $"{context.SurveyTitle}: {Kind}";
    public PageDecoration? Header => PageDecorations.Header(context, Kind);
    public PageDecoration? Footer => PageDecorations.Footer(context);

    public Block Compose() => new Stack(
    [
        new DocumentHeaderComponent(context, Kind).Compose(),
        new KeyFindingsComponent(context).Compose(),
        new CitationComponent(context).Compose(),
        new ReproducibilityComponent(context).Compose(),
    ], 12);
}
