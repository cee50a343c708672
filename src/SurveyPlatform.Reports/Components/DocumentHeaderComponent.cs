using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>The top of a document's first page: who publishes it, what it is, about which survey, and a warning when the data are synthetic.</summary>
internal sealed class DocumentHeaderComponent(ReportContext context, string kindTitle)
{
    public Block Compose()
    {
        var facts = new List<string> { context.SurveyTitle };
        if (!string.IsNullOrWhiteSpace(context.Request.Place)) facts.Add(context.Request.Place!);
        facts.Add(context.GeneratedDate);
        var blocks = new List<Block>
        {
            context.Text(context.Request.Organization, Typography.Subheading.WithColor(Typography.Muted)),
            context.Text(kindTitle, Typography.Title),
            context.Text(context.Join(facts), Typography.Subtitle),
            new Drawing(6, width => new Fragment(width, 6).Add(new LineOp(new(0, 4), new(width, 4), Typography.Accent, 1.2f))),
        };
        if (context.Report.Synthetic)
            blocks.Add(new Box(context.Text(context.S("synthetic_banner"), Typography.Banner), 6, Typography.WarningLight, Typography.Warning, 3));
        return new Stack(blocks, 3);
    }
}

/// <summary>The running header (after the first page) and footer (every page) with the page number.</summary>
internal static class PageDecorations
{
    public static PageDecoration Header(ReportContext context, string kindTitle) => (number, _, width) =>
        number == 1 ? null : Running(context, context.Join([context.SurveyTitle, kindTitle]), width);

    /// <summary>A line of small text above a rule.</summary>
    public static Fragment Running(ReportContext context, string text, float width)
    {
        var fragment = context.Text(text, Typography.PageDecoration).Measure(width);
        fragment.Add(new LineOp(new(0, fragment.Height + 3), new(width, fragment.Height + 3), Typography.Rule, 0.5f));
        return fragment;
    }

    public static PageDecoration Footer(ReportContext context) => (number, count, width) =>
        Footer(context, context.Join([context.Request.Organization, context.F("generated_on", context.GeneratedDate)]), number, count, width);

    /// <summary>The organization and the page number, without the date a report is made (a blank form is not a report).</summary>
    public static Fragment PageNumber(ReportContext context, int number, int count, float width) =>
        Footer(context, context.Isolate(context.Request.Organization), number, count, width);

    private static Fragment Footer(ReportContext context, string left, int number, int count, float width)
    {
        var row = new Row(
            [
                context.Text(left, Typography.PageDecoration),
                context.Text(context.F("page_of", number, count), Typography.PageDecoration, TextAlign.End),
            ], context.Rtl, 8, [0.75f, 0.25f]);
        var placed = row.Measure(width);
        var fragment = new Fragment(width, placed.Height + 4);
        fragment.Add(new LineOp(new(0, 0), new(width, 0), Typography.Rule, 0.5f));
        fragment.Add(placed, 0, 4);
        return fragment;
    }
}
