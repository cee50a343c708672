using SurveyPlatform.Reports.Components;
using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Documents;

/// <summary>
/// The advocate annex (one page, to stand alone in a letter): who answered and how they were reached, three key
/// findings with the questions as asked, a full citation with the methods cited and a QR code to the public
/// results, and a reproducibility footer.
/// </summary>
internal sealed class AdvocateAnnexDocument(ReportContext context) : ReportDocument(context, "kind_annex")
{
    public override Block Compose() => new Stack(
    [
        new DocumentHeaderComponent(Context, Kind).Compose(),
        new AboutSurveyComponent(Context).Compose(),
        new KeyFindingsComponent(Context).Compose(),
        new CitationComponent(Context).Compose(),
        new ReproducibilityComponent(Context).Compose(),
    ], 9);
}
