using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>
/// Where the chill is greater: the gap by birthplace and by worry at home about status, each with its interval and,
/// in neutral words, whether the interval excludes zero (an association among respondents, not a cause).
/// </summary>
internal sealed class GapsComponent(ReportContext context, BriefScope scope)
{
    public static readonly IReadOnlyList<string> Shown = ["status_gap", "household_spillover"];

    public Block? Compose()
    {
        var gaps = Shown.Select(id => context.Report.Find(id)).OfType<IndicatorResult>().ToList();
        if (gaps.Count == 0) return null;
        var blocks = new List<Block> { context.Heading(context.S("gaps_heading")) };
        blocks.AddRange(gaps.Select(Gap));
        return new Stack(blocks, 5);
    }

    private Block Gap(IndicatorResult gap)
    {
        var e = scope.Of(gap);
        var notes = context.Notes.Of(e).ToList();
        if (scope.Pooled(gap)) notes.Add(context.Notes.Note(scope.PooledNote()));
        var unit = context.ComparedKind(gap) == IndicatorKind.Proportion ? "points" : "score_points";
        var spans = new List<Span> { new(context.Labelled(gap.Definition.Label.Get(context.Language), ""), Typography.BodyBold) };
        if (e.IsPresented)
        {
            spans.AddRange(Footnotes.Marked(context.F(unit, context.Value(gap, e)), Typography.BodyBold.WithColor(Typography.Accent), notes));
            spans.Add(new Span(context.Space + context.Sentences(context.Parenthetical(context.Labelled(context.S("ci95"), context.Interval(gap, e)))) + context.Space, Typography.Body));
        }
        else
        {
            spans.AddRange(Footnotes.Marked(DisplayFormat.Withheld, Typography.BodyBold, notes));
            spans.Add(new Span(context.Space, Typography.Body));
        }
        var sentences = context.Sentences(gap.Definition.Description?.Get(context.Language),
            e.IsPresented ? context.S(e.Significant == true ? "clear_difference" : "unclear_difference") : null);
        spans.Add(new Span(sentences, Typography.Body));
        return context.Text(spans);
    }
}
