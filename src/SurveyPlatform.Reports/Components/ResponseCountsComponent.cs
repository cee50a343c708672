using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Components;

/// <summary>
/// Responses received by language, wave, site, area…: the counts given with the request (already
/// privacy-suppressed), or else the largest n of any indicator in each language and wave group; and, when
/// answers are weighted, the population shares the weights match beside the respondents in each group.
/// </summary>
internal sealed class ResponseCountsComponent(ReportContext context)
{
    public Block Compose()
    {
        var blocks = new List<Block> { context.Heading(context.S("section_counts")) };
        var tables = context.Request.ResponseCounts.Count > 0 ? context.Request.ResponseCounts : FromIndicators();
        if (tables.Count == 0)
        {
            blocks.Add(context.Text(context.S("counts_missing"), Typography.Body));
        }
        else
        {
            blocks.Add(context.Intro(context.Request.ResponseCounts.Count > 0
                ? context.F("counts_withheld", context.Report.MinCell)
                : context.S("counts_from_indicators")));
            foreach (var table in tables)
            {
                var rows = Ordered(table).Select(c => (IReadOnlyList<Block>)
                [
                    Tables.Cell(context, context.GroupLabel(table.By, c.Value), first: true),
                    Tables.Cell(context, c.Count is { } n ? context.Format.Count(n) : DisplayFormat.Withheld),
                    Tables.Cell(context, c.Count is { } m && context.Report.Responses > 0 ? context.Format.Percent(m / (double)context.Report.Responses) : DisplayFormat.Withheld),
                ]).ToList();
                blocks.Add(new KeepTogether(new Stack(
                [
                    context.Heading(context.BreakdownName(table.By), Typography.Subheading),
                    new Table([3, 1, 1], Tables.Header(context, context.S("col_group"), context.S("lbl_responses"), context.S("col_share_of_responses")), rows, context.Rtl, Typography.Table),
                ], 3)));
            }
        }
        if (Weighting() is { } weighting) blocks.Add(weighting);
        return new Stack(blocks, 6);
    }

    /// <summary>The characteristics the weights match: each group's population share beside its respondents (counts withheld as elsewhere).</summary>
    private Block? Weighting()
    {
        if (!context.Report.Weighted) return null;
        var blocks = new List<Block>
        {
            context.Heading(context.S("section_weighting"), Typography.Subheading),
            context.Intro(LimitsComponent.WeightingLine(context)),
        };
        foreach (var margin in context.Request.WeightingMargins)
        {
            var rows = margin.Targets.Select(t => (IReadOnlyList<Block>)
            [
                Tables.Cell(context, context.GroupLabel(margin.By, t.Value), first: true),
                Tables.Cell(context, t.Respondents is { } n ? context.Format.Count(n) : DisplayFormat.Withheld),
                Tables.Cell(context, t.Respondents is { } m && context.Report.Responses > 0 ? context.Format.Percent(m / (double)context.Report.Responses) : DisplayFormat.Withheld),
                Tables.Cell(context, context.Format.Percent(t.PopulationShare)),
            ]).ToList();
            blocks.Add(new KeepTogether(new Stack(
            [
                context.Text(context.BreakdownName(margin.By), Typography.TableCell.Bold()),
                new Table([3, 1, 1, 1], Tables.Header(context, context.S("col_group"), context.S("lbl_responses"), context.S("col_share_of_responses"), context.S("col_population_share")),
                    rows, context.Rtl, Typography.Table),
            ], 3)));
        }
        return new Stack(blocks, 4);
    }

    /// <summary>Waves in order, languages largest first, other groups as given; blanks last.</summary>
    private static IEnumerable<ResponseCount> Ordered(ResponseCounts table)
    {
        var blank = table.Counts.Where(c => c.Value is GroupEstimate.NotAnswered or GroupEstimate.NotAsked);
        var groups = table.Counts.Except(blank);
        groups = table.By switch
        {
            ResponseTable.Wave => groups.OrderBy(c => c.Value, StringComparer.Ordinal),
            ResponseTable.Lang => groups.OrderByDescending(c => c.Count ?? -1),
            _ => groups,
        };
        return groups.Concat(blank);
    }

    private List<ResponseCounts> FromIndicators()
    {
        var tables = new List<ResponseCounts>();
        foreach (var by in new[] { ResponseTable.Lang, ResponseTable.Wave })
        {
            var groups = context.Report.Indicators.Where(i => i.Kind != IndicatorKind.Difference)
                .SelectMany(i => i.Groups).Where(g => g.By == by).GroupBy(g => g.Value).ToList();
            if (groups.Count == 0) continue;
            // A group withheld for privacy in any indicator stays withheld here.
            tables.Add(new ResponseCounts(by, groups.Select(g => new ResponseCount(g.Key,
                g.Any(x => x.Estimate.N is null) ? null : g.Max(x => x.Estimate.N))).ToList()));
        }
        return tables;
    }
}
