using SurveyPlatform.Reports.Components;
using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Documents;

/// <summary>The blank questionnaire for paper answers, in one language: the same wording, order and conditions as the online form.</summary>
internal sealed class PaperQuestionnaireDocument(ReportContext context) : ReportDocument(context, "section_questionnaire")
{
    public override Block Compose() => new QuestionnaireComponent(Context).ComposePaper();
}
