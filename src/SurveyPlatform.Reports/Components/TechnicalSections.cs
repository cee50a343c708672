using MathNet.Numerics.Distributions;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>The facts a statistician checks first: survey, version, responses, weighting, interval method, privacy threshold, input hash.</summary>
internal sealed class OverviewComponent(ReportContext context)
{
    public Block Compose()
    {
        var report = context.Report;
        var facts = new List<(string, string)>
        {
            (context.S("lbl_survey"), context.SurveyTitle),
            (context.S("lbl_version"), report.SurveyVersion),
            (context.S("lbl_responses"), context.Format.Count(report.Responses)),
            (context.S("lbl_sample"), context.F(context.Request.RandomSample ? "method_how_random" : "method_how", MethodologyBoxComponent.Recruitment(context))),
            (context.S("lbl_weighting"), report.Weighted ? LimitsComponent.WeightingLine(context) : context.S("weighted_no")),
            (context.S("lbl_ci_method"), report.CiMethod == "wilson" ? "Wilson, 95%" : "Korn–Graubard, 95%"),
            (context.S("lbl_min_cell"), context.F("people", report.MinCell)),
        };
        if (!string.IsNullOrWhiteSpace(context.Request.Place)) facts.Add((context.S("lbl_place"), context.Request.Place!));
        if (MethodologyBoxComponent.Period(context) is { } period) facts.Add((context.S("lbl_fieldwork"), period));
        facts.Add((context.S("lbl_languages"), MethodologyBoxComponent.Languages(context)));
        facts.Add((context.S("lbl_sha"), report.InputSha256 ?? context.S("not_recorded")));
        facts.Add((context.S("lbl_software"), $"SurveyPlatform {context.SoftwareVersion}"));
        facts.Add((context.S("lbl_generated"), context.GeneratedDate));
        return new Stack(
        [
            context.Heading(context.S("overview_heading")),
            new Stack(facts.Select(f => (Block)new Row([context.Text(f.Item1, Typography.TableCell.Bold()), context.Text(f.Item2, Typography.TableCell)],
                context.Rtl, 8, [0.3f, 0.7f])).ToList(), 2),
        ], 4);
    }
}

/// <summary>Every indicator overall in one table (all responses together: every wave and site).</summary>
internal sealed class IndicatorSummaryComponent(ReportContext context)
{
    public Block Compose()
    {
        var rows = context.Report.Indicators.Where(i => !Tables.IsDifference(i))
            .Select(i => (IReadOnlyList<Block>)Tables.EstimateRow(context, i, i.Definition.Label.Get(context.Language), i.Overall)).ToList();
        return new Stack(
        [
            context.Heading(context.S("all_indicators_heading")),
            context.Intro(FullScope(context)),
            new Table(Tables.EstimateWidths, Tables.Header(context, [context.S("col_indicator"), .. Tables.EstimateHeaders(context)]), rows, context.Rtl, Typography.Table)
            {
                ContinuedCaption = context.Text(context.F("continued", context.S("all_indicators_heading")), Typography.Small.Bold()),
            },
        ], 4);
    }

    /// <summary>What the technical report's tables cover: all responses, every wave and site pooled, unless a table says otherwise.</summary>
    public static string FullScope(ReportContext context)
    {
        var scope = new BriefScope(context);
        return scope.Waves.Count >= 2 || scope.Sites.Count >= 2 ? context.S("full_scope_pooled") : context.S("full_scope_all");
    }
}

/// <summary>One table per indicator: all respondents, then each group of every breakdown offered; marks explained at the page foot.</summary>
internal sealed class GroupTablesComponent(ReportContext context)
{
    public Block Compose()
    {
        var blocks = new List<Block> { context.Heading(context.S("section_groups")), context.Intro(context.S("groups_note")) };
        foreach (var result in context.Report.Indicators.Where(i => !Tables.IsDifference(i)))
            blocks.Add(Indicator(result));
        blocks.Add(context.Heading(context.S("section_differences")));
        blocks.Add(context.Intro(context.S("differences_note")));
        foreach (var result in context.Report.Indicators.Where(Tables.IsDifference))
            blocks.Add(Indicator(result));
        return new Stack(blocks, 6);
    }

    private Block Indicator(IndicatorResult result)
    {
        var difference = Tables.IsDifference(result);
        var width = difference ? Tables.DifferenceWidths : Tables.EstimateWidths;
        Block[] Row(string label, Estimate e, bool bold = false) => difference
            ? Tables.DifferenceRow(context, result, label, e, bold)
            : Tables.EstimateRow(context, result, label, e, bold);
        var rows = new List<IReadOnlyList<Block>> { Row(context.S("all_respondents"), result.Overall, bold: true) };
        var headings = new HashSet<int>();
        // Area by wave has its own tables, wave by wave, in the trends section.
        foreach (var breakdown in result.Groups.Where(g => g.By != AreaTrendComponent.Breakdown).GroupBy(g => g.By))
        {
            headings.Add(rows.Count);
            rows.Add(Tables.GroupHeading(context, context.BreakdownName(breakdown.Key), width.Length));
            rows.AddRange(breakdown.Select(g => difference && !Applicability.Applies(result.Definition, g.By, g.Value)
                ? Tables.NotApplicableRow(context, context.GroupLabel(g.By, g.Value))
                : Row(context.GroupLabel(g.By, g.Value), g.Estimate)));
        }
        var headers = difference ? Tables.DifferenceHeaders(context) : Tables.EstimateHeaders(context);
        var label = result.Definition.Label.Get(context.Language);
        var blocks = new List<Block> { context.Heading(label, Typography.Subheading) };
        var about = new List<string?> { result.Definition.Description?.Get(context.Language) };
        if (!difference) about.Add(context.Labelled(context.S("lbl_base"), IndicatorChartComponent.Base(context, result)));
        blocks.Add(context.Intro(context.Sentences([.. about])));
        blocks.Add(new Table(width, Tables.Header(context, [context.S("col_group"), .. headers]), rows, context.Rtl, Typography.Table)
        {
            ContinuedCaption = context.Text(context.F("continued", label), Typography.Small.Bold()),
            KeepRowsWithNext = headings,
        });
        return new Stack(blocks, 3);
    }
}

/// <summary>
/// Each indicator across waves with the change from the previous wave and from the first to the last, results by
/// area over time, and the difference in differences between sites with its assumption and the allowance for
/// testing many indicators at once.
/// </summary>
internal sealed class TrendTablesComponent(ReportContext context)
{
    public Block? Compose()
    {
        if (context.Report.Trends.Count == 0 && context.Report.DifferenceInDifferences.Count == 0) return null;
        var blocks = new List<Block>();
        if (context.Report.Trends.Count > 0)
        {
            blocks.Add(context.Heading(context.S("section_trends")));
            blocks.Add(context.Intro(context.S("trends_note")));
            foreach (var trend in context.Report.Trends)
                if (context.Report.Find(trend.IndicatorId) is { } result) blocks.Add(Trend(result, trend));
            foreach (var result in context.Report.Indicators.Where(i => i.Definition.Headline))
                if (new AreaTrendComponent(context, result).Compose() is { } areas) blocks.Add(areas);
        }
        if (context.Report.DifferenceInDifferences is { Count: > 0 } dids) blocks.Add(DifferenceInDifferences(dids));
        return new Stack(blocks, 6);
    }

    private Block DifferenceInDifferences(IReadOnlyList<DidResult> dids)
    {
        var first = dids[0];
        var shown = dids.Where(d => d.Did.IsPresented && d.Did.Se is > 0).ToList();
        var holm = Holm(shown.Select(d => PValue(d.Did)).ToList());
        var rows = new List<IReadOnlyList<Block>>();
        foreach (var did in dids)
        {
            if (context.Report.Find(did.IndicatorId) is not { } result) continue;
            var change = TrendComponent.AsChange(result);
            var index = shown.IndexOf(did);
            rows.Add(
            [
                Tables.Cell(context, result.Definition.Label.Get(context.Language), first: true),
                Tables.Cell(context, context.Notes.Cell(context.Value(change, did.SiteChange), did.SiteChange, Typography.TableCell)),
                Tables.Cell(context, context.Notes.Cell(context.Value(change, did.ComparisonChange), did.ComparisonChange, Typography.TableCell)),
                Tables.Cell(context, context.Notes.Cell(context.Value(change, did.Did), did.Did, Typography.TableCell)),
                Tables.Cell(context, did.Did.IsPresented ? context.Interval(change, did.Did) : DisplayFormat.Withheld),
                Tables.Cell(context, did.Did.IsPresented ? context.S(did.Did.Significant == true ? "yes" : "no") : DisplayFormat.Withheld),
                Tables.Cell(context, index >= 0 ? context.S(holm[index] ? "yes" : "no") : DisplayFormat.Withheld),
            ]);
        }
        var site = context.GroupLabel("site", first.Site);
        var comparison = context.GroupLabel("site", first.ComparisonSite);
        return new Stack(
        [
            context.Heading(context.S("section_did")),
            context.Text(context.F("did_note", site, comparison, context.Isolate(first.Before), context.Isolate(first.After)), Typography.Small),
            context.Text(context.F("did_assumption", site, comparison), Typography.Small),
            context.Intro(context.F("did_multiple", context.Format.Count(shown.Count))),
            new Table([2.5f, 1.1f, 1.1f, 1.1f, 1.5f, 0.7f, 1.1f],
                Tables.Header(context, context.S("col_indicator"), context.F("col_site_change", site), context.F("col_comparison_change", comparison),
                    context.S("section_did"), context.S("ci95"), context.S("col_clear"), context.S("col_clear_holm")),
                rows, context.Rtl, Typography.Table),
        ], 4);
    }

    /// <summary>Two-sided p-value of a difference from its normal approximation (the interval's own: d ± 1.96·se).</summary>
    public static double PValue(Estimate difference) =>
        2 * (1 - Normal.CDF(0, 1, Math.Abs(difference.Value!.Value / difference.Se!.Value)));

    /// <summary>
    /// Holm's step-down procedure at 5% (R's <c>p.adjust(p, "holm") &lt;= 0.05</c>): which differences stay clear when all
    /// of them are tested together, so that the chance of calling any one clear by accident stays at 5%.
    /// </summary>
    public static bool[] Holm(IReadOnlyList<double> pValues, double alpha = 0.05)
    {
        var order = Enumerable.Range(0, pValues.Count).OrderBy(i => pValues[i]).ToList();
        var clear = new bool[pValues.Count];
        for (var rank = 0; rank < order.Count; rank++)
        {
            if (pValues[order[rank]] > alpha / (order.Count - rank)) break;
            clear[order[rank]] = true;
        }
        return clear;
    }

    private Block Trend(IndicatorResult result, TrendResult trend)
    {
        var rows = new List<IReadOnlyList<Block>>();
        for (var i = 0; i < trend.Waves.Count; i++)
        {
            var wave = trend.Waves[i];
            var step = i == 0 ? null : trend.Changes.FirstOrDefault(c => c.To == wave.Value);
            var e = wave.Estimate;
            var row = new List<Block>
            {
                Tables.Cell(context, context.Isolate(wave.Value), first: true),
                Tables.Cell(context, context.Notes.Cell(context.Value(result, e), e, Typography.TableCell)),
                Tables.Cell(context, e.IsPresented ? context.Interval(result, e) : DisplayFormat.Withheld),
                Tables.Cell(context, e.N is { } n ? context.Format.Count(n) : DisplayFormat.Withheld),
            };
            if (step is null) row.AddRange([new Spacer(0), new Spacer(0), new Spacer(0)]);
            else row.AddRange(TrendComponent.ChangeCells(context, result, TrendComponent.Wave(trend, step.From), e, step.Change));
            rows.Add(row);
        }
        if (trend.FirstToLast is { } whole && trend.Changes.Count > 1)
        {
            rows.Add(
            [
                Tables.Cell(context, context.F("first_to_last", context.Isolate(whole.From), context.Isolate(whole.To)), first: true, bold: true),
                new Spacer(0), new Spacer(0), new Spacer(0),
                .. TrendComponent.ChangeCells(context, result, TrendComponent.Wave(trend, whole.From), TrendComponent.Wave(trend, whole.To), whole.Change),
            ]);
        }
        return new KeepTogether(new Stack(
        [
            context.Heading(result.Definition.Label.Get(context.Language), Typography.Subheading),
            new Table([2f, 1.1f, 1.5f, 0.9f, 1.1f, 1.5f, 0.7f],
                Tables.Header(context, context.S("col_wave"), context.S("col_estimate"), context.S("ci95"), "n", context.S("col_change"), context.S("ci95"), context.S("col_clear")),
                rows, context.Rtl, Typography.Table),
        ], 3));
    }
}
