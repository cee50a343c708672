using SurveyPlatform.Reports.Components;
using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Documents;

/// <summary>
/// The blank questionnaire for paper answers, in one language: the same wording, order and conditions as the online
/// form, numbered questions, instructions in words, and only the survey's title above each page (no report headings).
/// </summary>
internal sealed class PaperQuestionnaireDocument(ReportContext context) : ReportDocument(context, "section_questionnaire")
{
    public override string Title => Context.SurveyTitle;

    public override PageDecoration Header => (number, _, width) => number == 1 ? null : PageDecorations.Running(Context, Context.SurveyTitle, width);

    public override PageDecoration Footer => (number, count, width) => PageDecorations.PageNumber(Context, number, count, width);

    public override Block Compose() => new QuestionnaireComponent(Context).ComposePaper();
}
