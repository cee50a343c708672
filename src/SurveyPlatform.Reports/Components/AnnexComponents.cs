using QRCoder;
using SkiaSharp;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>Three key findings in plain language, each a big number with its interval and n; only figures that may be shown.</summary>
internal sealed class KeyFindingsComponent(ReportContext context)
{
    /// <summary>In order of preference: the victim chill, the gap by birthplace, reporting, then the other headline figures.</summary>
    public static readonly IReadOnlyList<string> Candidates =
        ["victim_chill", "status_gap", "reporting_rate", "dv_chill", "witness_chill", "info_chill", "trust_score", "safety_score"];

    public static IReadOnlyList<IndicatorResult> Pick(IndicatorReport report) =>
        Candidates.Select(report.Find).OfType<IndicatorResult>().Where(r => r.Overall.IsPresented).Take(3).ToList();

    public Block Compose()
    {
        var findings = Pick(context.Report);
        var blocks = new List<Block>
        {
            context.Heading(context.S("annex_findings")),
            context.Text(context.S("annex_note"), Typography.Small),
        };
        if (findings.Count == 0) blocks.Add(context.Text(context.S("no_findings"), Typography.Body));
        blocks.AddRange(findings.Select(Finding));
        return new Stack(blocks, 6);
    }

    private Block Finding(IndicatorResult result)
    {
        var e = result.Overall;
        var difference = result.Kind == IndicatorKind.Difference;
        var value = new List<Span> { new(context.Value(result, e), Typography.BigNumber) };
        if (difference)
            value.Add(new Span("\n" + context.F(context.ComparedKind(result) == IndicatorKind.Proportion ? "points" : "score_points", "").Trim(), Typography.Small));
        var details = new List<string> { $"{context.S("ci95")}: {context.Interval(result, e)}" };
        if (e.N is { } n) details.Add($"n = {context.Format.Count(n)}");
        var text = new List<Block>
        {
            context.Text(result.Definition.Label.Get(context.Language), Typography.CardLabel),
        };
        var description = result.Definition.Description?.Get(context.Language);
        if (difference) description = $"{description}. {context.S(e.Significant == true ? "clear_difference" : "unclear_difference")}";
        if (description is not null) text.Add(context.Text(description, Typography.Body));
        text.Add(context.Text(context.Join(details), Typography.Small));
        var number = context.Text(value);
        return new Row([number, new Stack(text, 2)], context.Rtl, 10, [0.24f, 0.76f]) { CellBackground = Typography.AccentLight, CellPadding = 7 };
    }
}

/// <summary>A suggested citation and, when there is a public results page, its address and a QR code to it.</summary>
internal sealed class CitationComponent(ReportContext context)
{
    public Block Compose()
    {
        var year = context.GeneratedAt.UtcDateTime.Year.ToString(context.Culture);
        var citation = context.F("citation", context.Isolate(context.Request.Organization.Trim()), year, context.SurveyTitle, context.S("kind_annex"),
            context.Report.SurveyVersion, context.Format.Count(context.Report.Responses));
        var text = new List<Block>
        {
            context.Text(context.S("cite_heading"), Typography.Subheading),
            context.Text(citation, Typography.Body),
        };
        if (context.Request.PublicResultsUrl is not { } url)
            return new Box(new Stack(text, 3), 8, Typography.Stripe, null, 3);
        text.Add(context.Text(context.S("results_online"), Typography.Small));
        text.Add(new Paragraph([new Span(url, Typography.Small.WithColor(Typography.Accent))], false, "en", context.Rtl ? TextAlign.End : TextAlign.Start));
        return new Box(new Row([new Stack(text, 3), QrCode.Block(url, 92)], context.Rtl, 12, [0.78f, 0.22f]), 8, Typography.Stripe, null, 3);
    }
}

/// <summary>What anyone needs to reproduce the figures: input hash, survey version, software version, date.</summary>
internal sealed class ReproducibilityComponent(ReportContext context)
{
    public Block Compose()
    {
        var facts = new (string, string)[]
        {
            (context.S("lbl_sha"), context.Report.InputSha256 ?? context.S("not_recorded")),
            (context.S("lbl_version"), context.Report.SurveyVersion),
            (context.S("lbl_software"), $"SurveyPlatform {context.SoftwareVersion}"),
            (context.S("lbl_generated"), context.GeneratedDate),
        };
        var rows = facts.Select(f => (Block)new Row(
            [context.Text(f.Item1, Typography.Footnote.Bold()), new Paragraph([new Span(f.Item2, Typography.Footnote)], context.Rtl, context.Language)],
            context.Rtl, 6, [0.25f, 0.75f])).ToList();
        return new KeepTogether(new Stack([context.Text(context.S("repro_heading"), Typography.Subheading), .. rows], 2));
    }
}

/// <summary>A QR code drawn as vector squares (one rectangle per run of dark modules), with its quiet zone.</summary>
internal static class QrCode
{
    public static Block Block(string text, float size) => new Drawing(size, width =>
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var modules = matrix.Count;
        var module = size / modules;
        var left = (width - size) / 2;
        var fragment = new Fragment(width, size);
        fragment.Add(new RectOp(new SKRect(left, 0, left + size, size), SKColors.White));
        for (var y = 0; y < modules; y++)
        {
            for (var x = 0; x < modules; x++)
            {
                if (!matrix[y][x]) continue;
                var start = x;
                while (x + 1 < modules && matrix[y][x + 1]) x++;
                fragment.Add(new RectOp(new SKRect(left + start * module, y * module, left + (x + 1) * module, (y + 1) * module), SKColors.Black));
            }
        }
        return fragment;
    });
}
