using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>
/// The figure a police leader can act on, in one sentence with its interval: how many say they would report more
/// with a clear policy, with the question as it was asked and the answer counted (no paraphrase that could overclaim).
/// </summary>
internal sealed class ActionableComponent(ReportContext context, BriefScope scope)
{
    /// <summary>Indicators a police department's own policy can move, in order of preference.</summary>
    public static readonly IReadOnlyList<string> Candidates = ["policy_uplift"];

    public Block? Compose()
    {
        var result = Candidates.Select(context.Report.Find).OfType<IndicatorResult>()
            .FirstOrDefault(r => r.Kind == IndicatorKind.Proportion && scope.Of(r).IsPresented && r.Definition.Item is not null);
        if (result is null) return null;
        var estimate = scope.Of(result);
        var sentence = Sentence(context, result, estimate);
        var notes = scope.Pooled(result) ? new[] { context.Notes.Note(scope.PooledNote()) } : [];
        return new KeepTogether(new Box(new Stack(
        [
            context.Text(context.S("actionable_heading"), Typography.Subheading.WithColor(Typography.Accent)),
            context.Text([.. Footnotes.Marked(sentence, Typography.Body, notes)]),
        ], 3), 8, Typography.AccentLight, null, 3));
    }

    /// <summary>"46% of respondents (95% CI 43%–49%, n = 1,012) answered “More likely” to the question “…”".</summary>
    public static string Sentence(ReportContext context, IndicatorResult result, Estimate estimate)
    {
        var ci = context.Labelled(context.S("ci95"), context.Interval(result, estimate));
        if (HeadlineFiguresComponent.SampleSize(context, result, estimate) is { } n) ci = context.Join([ci, n]);
        return context.Sentences(context.F("actionable_sentence", context.Value(result, estimate), context.Parenthetical(ci),
            context.Quote(context.AnswerLabels(result.Definition)), context.Quote(context.QuestionText(result.Definition.Item!))));
    }
}
