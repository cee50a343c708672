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
            (context.S("lbl_weighting"), report.Weighted ? context.F("weighted_yes", context.Format.Decimal2(report.WeightingDesignEffect)) : context.S("weighted_no")),
            (context.S("lbl_ci_method"), report.CiMethod == "wilson" ? "Wilson, 95%" : "Korn–Graubard, 95%"),
            (context.S("lbl_min_cell"), context.F("people", report.MinCell)),
        };
        if (!string.IsNullOrWhiteSpace(context.Request.Place)) facts.Add((context.S("lbl_place"), context.Request.Place!));
        if (MethodologyBoxComponent.Period(context) is { } period) facts.Add((context.S("lbl_fieldwork"), period));
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

/// <summary>Every indicator overall in one table.</summary>
internal sealed class IndicatorSummaryComponent(ReportContext context)
{
    public Block Compose()
    {
        var notes = new Footnotes(context);
        var rows = context.Report.Indicators.Where(i => !Tables.IsDifference(i))
            .Select(i => (IReadOnlyList<Block>)Tables.EstimateRow(context, notes, i, i.Definition.Label.Get(context.Language), i.Overall)).ToList();
        var blocks = new List<Block>
        {
            context.Heading(context.S("all_indicators_heading")),
            new Table(Tables.EstimateWidths, Tables.Header(context, [context.S("col_indicator"), .. Tables.EstimateHeaders(context)]), rows, context.Rtl, Typography.Table),
        };
        if (notes.Any) blocks.Add(notes.Compose());
        return new Stack(blocks, 4);
    }
}

/// <summary>One table per indicator: all respondents, then each group of every breakdown offered; notes below each table.</summary>
internal sealed class GroupTablesComponent(ReportContext context)
{
    public Block Compose()
    {
        var blocks = new List<Block> { context.Heading(context.S("section_groups")) };
        foreach (var result in context.Report.Indicators.Where(i => !Tables.IsDifference(i)))
            blocks.Add(Indicator(result));
        blocks.Add(context.Heading(context.S("section_differences")));
        blocks.Add(context.Text(context.S("differences_note"), Typography.Small));
        foreach (var result in context.Report.Indicators.Where(Tables.IsDifference))
            blocks.Add(Indicator(result));
        return new Stack(blocks, 6);
    }

    private Block Indicator(IndicatorResult result)
    {
        var notes = new Footnotes(context);
        var difference = Tables.IsDifference(result);
        var width = difference ? Tables.DifferenceWidths : Tables.EstimateWidths;
        Block[] Row(string label, Estimate e, bool bold = false) => difference
            ? Tables.DifferenceRow(context, notes, result, label, e, bold)
            : Tables.EstimateRow(context, notes, result, label, e, bold);
        var rows = new List<IReadOnlyList<Block>> { Row(context.S("all_respondents"), result.Overall, bold: true) };
        var headings = new HashSet<int>();
        foreach (var breakdown in result.Groups.GroupBy(g => g.By))
        {
            headings.Add(rows.Count);
            rows.Add(Tables.GroupHeading(context, context.BreakdownName(breakdown.Key), width.Length));
            rows.AddRange(breakdown.Select(g => Row(context.GroupLabel(g.By, g.Value), g.Estimate)));
        }
        var headers = difference ? Tables.DifferenceHeaders(context) : Tables.EstimateHeaders(context);
        var blocks = new List<Block>
        {
            context.Heading(result.Definition.Label.Get(context.Language), Typography.Subheading),
        };
        if (result.Definition.Description is { } description) blocks.Add(context.Text(description.Get(context.Language), Typography.Small));
        blocks.Add(new Table(width, Tables.Header(context, [context.S("col_group"), .. headers]), rows, context.Rtl, Typography.Table)
        {
            ContinuedCaption = context.Text(context.F("continued", result.Definition.Label.Get(context.Language)), Typography.Small.Bold()),
            KeepWithNext = headings,
        });
        if (notes.Any) blocks.Add(notes.Compose());
        return new Stack(blocks, 3);
    }
}

/// <summary>Each indicator across waves with the change from the previous wave, and the difference in differences between sites.</summary>
internal sealed class TrendTablesComponent(ReportContext context)
{
    public Block? Compose()
    {
        if (context.Report.Trends.Count == 0 && context.Report.DifferenceInDifferences.Count == 0) return null;
        var blocks = new List<Block>();
        if (context.Report.Trends.Count > 0)
        {
            blocks.Add(context.Heading(context.S("section_trends")));
            foreach (var trend in context.Report.Trends)
                if (context.Report.Find(trend.IndicatorId) is { } result) blocks.Add(Trend(result, trend));
        }
        if (context.Report.DifferenceInDifferences is { Count: > 0 } dids)
        {
            var first = dids[0];
            blocks.Add(context.Heading(context.S("section_did")));
            blocks.Add(context.Text(context.F("did_note", context.GroupLabel("site", first.Site), context.GroupLabel("site", first.ComparisonSite), context.Isolate(first.Before), context.Isolate(first.After)), Typography.Small));
            var notes = new Footnotes(context);
            var rows = new List<IReadOnlyList<Block>>();
            foreach (var did in dids)
            {
                if (context.Report.Find(did.IndicatorId) is not { } result) continue;
                var change = Change(result);
                rows.Add(
                [
                    Tables.Cell(context, result.Definition.Label.Get(context.Language), first: true),
                    Tables.Cell(context, notes.Cell(context.Value(change, did.SiteChange), did.SiteChange, Typography.TableCell)),
                    Tables.Cell(context, notes.Cell(context.Value(change, did.ComparisonChange), did.ComparisonChange, Typography.TableCell)),
                    Tables.Cell(context, notes.Cell(context.Value(change, did.Did), did.Did, Typography.TableCell)),
                    Tables.Cell(context, did.Did.IsPresented ? context.Interval(change, did.Did) : DisplayFormat.Withheld),
                    Tables.Cell(context, did.Did.IsPresented ? context.S(did.Did.Significant == true ? "yes" : "no") : DisplayFormat.Withheld),
                ]);
            }
            blocks.Add(new Table([2.6f, 1.1f, 1.1f, 1.1f, 1.5f, 0.8f],
                Tables.Header(context, context.S("col_indicator"), context.S("col_site_change"), context.S("col_comparison_change"), context.S("section_did"), context.S("ci95"), context.S("col_clear")),
                rows, context.Rtl, Typography.Table));
            if (notes.Any) blocks.Add(notes.Compose());
        }
        return new Stack(blocks, 6);
    }

    /// <summary>The indicator read as a difference of itself between waves (shares give points).</summary>
    private static IndicatorResult Change(IndicatorResult result) =>
        result with { Kind = IndicatorKind.Difference, Definition = result.Definition with { Of = result.Id } };

    private Block Trend(IndicatorResult result, TrendResult trend)
    {
        var notes = new Footnotes(context);
        var change = Change(result);
        var rows = new List<IReadOnlyList<Block>>();
        for (var i = 0; i < trend.Waves.Count; i++)
        {
            var wave = trend.Waves[i];
            var step = i == 0 ? null : trend.Changes.FirstOrDefault(c => c.To == wave.Value);
            var e = wave.Estimate;
            rows.Add(
            [
                Tables.Cell(context, context.Isolate(wave.Value), first: true),
                Tables.Cell(context, notes.Cell(context.Value(result, e), e, Typography.TableCell)),
                Tables.Cell(context, e.IsPresented ? context.Interval(result, e) : DisplayFormat.Withheld),
                Tables.Cell(context, e.N is { } n ? context.Format.Count(n) : DisplayFormat.Withheld),
                step is null ? new Spacer(0) : Tables.Cell(context, notes.Cell(context.Value(change, step.Change), step.Change, Typography.TableCell)),
                step is null ? new Spacer(0) : Tables.Cell(context, step.Change.IsPresented ? context.Interval(change, step.Change) : DisplayFormat.Withheld),
            ]);
        }
        var blocks = new List<Block>
        {
            context.Heading(result.Definition.Label.Get(context.Language), Typography.Subheading),
            new Table([2f, 1.1f, 1.5f, 0.9f, 1.1f, 1.5f],
                Tables.Header(context, context.S("col_wave"), context.S("col_estimate"), context.S("ci95"), "n", context.S("col_change"), context.S("ci95")),
                rows, context.Rtl, Typography.Table),
        };
        if (notes.Any) blocks.Add(notes.Compose());
        return new KeepTogether(new Stack(blocks, 3));
    }
}
