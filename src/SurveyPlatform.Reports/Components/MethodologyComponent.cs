using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Components;

/// <summary>The methodology in full: sample, indicators, estimation, intervals, reliability, privacy, rounding, reproducibility.</summary>
internal sealed class MethodologyComponent(ReportContext context)
{
    public Block Compose()
    {
        var blocks = new List<Block> { context.Heading(context.S("section_methodology")) };
        var sample = context.S("m_sample");
        if (context.Report.Weighted) sample += " " + context.S("limit_weighted");
        foreach (var text in new[]
        {
            sample, context.S("m_indicators"), context.S("m_estimation"), context.S("m_ci"), context.S("m_reliability"),
            context.F("m_privacy", context.Report.MinCell), context.S("m_rounding"), context.S("m_reproduce"),
        })
        {
            var dot = text.IndexOfAny(['.', '。']);
            blocks.Add(dot > 0 && dot < 40
                ? context.Text([new Text.Span(text[..(dot + 1)], Typography.BodyBold), new Text.Span(text[(dot + 1)..], Typography.Body)])
                : context.Text(text, Typography.Body));
        }
        blocks.Add(context.Bullets(MethodologyBoxComponent.Lines(context), Typography.Small.WithColor(Typography.Ink)));
        return new Stack(blocks, 5);
    }
}
