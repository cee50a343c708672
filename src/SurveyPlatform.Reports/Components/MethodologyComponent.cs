using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>The methodology in full: sample, indicators, estimation, intervals, reliability, privacy, rounding, reproducibility, then the survey in brief.</summary>
internal sealed class MethodologyComponent(ReportContext context)
{
    public Block Compose()
    {
        var blocks = new List<Block> { context.Heading(context.S("section_methodology")) };
        var sample = context.Sentences(context.S(context.Request.RandomSample ? "m_sample_random" : "m_sample"),
            context.Report.Weighted ? LimitsComponent.WeightingLine(context) : null);
        foreach (var (title, text) in new[]
        {
            ("m_sample_title", sample), ("m_indicators_title", context.S("m_indicators")), ("m_estimation_title", context.S("m_estimation")),
            ("m_ci_title", context.S("m_ci")), ("m_comparisons_title", context.S("m_comparisons")), ("m_reliability_title", context.S("m_reliability")),
            ("m_privacy_title", context.F("m_privacy", context.Report.MinCell)), ("m_rounding_title", context.S("m_rounding")), ("m_reproduce_title", context.S("m_reproduce")),
        })
        {
            blocks.Add(context.Text([new Span(context.Labelled(context.S(title), ""), Typography.BodyBold), new Span(text, Typography.Body)]));
        }
        blocks.Add(new KeepTogether(new Stack(
        [
            context.Heading(context.S("method_heading"), Typography.Subheading),
            context.Bullets(MethodologyBoxComponent.Lines(context), Typography.Small.WithColor(Typography.Ink)),
        ], 4)));
        return new Stack(blocks, 5);
    }
}
