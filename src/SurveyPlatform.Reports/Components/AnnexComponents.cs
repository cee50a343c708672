using QRCoder;
using SkiaSharp;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>
/// Who answered, how they were reached, when, and whether the sample is random: the line that lets the annex stand
/// alone in a letter.
/// </summary>
internal sealed class AboutSurveyComponent(ReportContext context)
{
    public Block Compose()
    {
        var who = string.IsNullOrWhiteSpace(context.Request.Place)
            ? context.F("annex_who", context.Format.Count(context.Report.Responses))
            : context.F("annex_who_place", context.Format.Count(context.Report.Responses), context.Isolate(context.Request.Place!));
        var sentences = new List<string?>
        {
            who,
            context.F(context.Request.RandomSample ? "method_how_random" : "method_how", MethodologyBoxComponent.Recruitment(context)),
            MethodologyBoxComponent.When(context),
            new BriefScope(context).Waves.Count >= 2 ? context.S("annex_pooled") : null,
            context.Report.Weighted ? LimitsComponent.WeightingLine(context) : null,
        };
        return context.Text(context.Sentences([.. sentences]), Typography.Small.WithColor(Typography.Ink));
    }
}

/// <summary>Three key findings in plain language, each a big number with its interval and n, and the question as asked; only figures that may be shown.</summary>
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
            context.Intro(context.S("annex_note")),
        };
        if (findings.Count == 0) blocks.Add(context.Text(context.S("no_findings"), Typography.Body));
        var quoted = new HashSet<string>();
        foreach (var finding in findings)
        {
            blocks.Add(Finding(finding, quoted));
            quoted.Add(finding.Id);
        }
        return new Stack(blocks, 5);
    }

    private Block Finding(IndicatorResult result, IReadOnlySet<string> quoted)
    {
        var e = result.Overall;
        var difference = result.Kind == IndicatorKind.Difference;
        var value = new List<Span> { new(context.Value(result, e), Typography.BigNumber) };
        if (difference)
            value.Add(new Span("\n" + context.F(context.ComparedKind(result) == IndicatorKind.Proportion ? "points" : "score_points", "").Trim(), Typography.Small));
        var details = new List<string> { context.Labelled(context.S("ci95"), context.Interval(result, e)) };
        if (e.N is { } n) details.Add($"n = {context.Format.Count(n)}");
        var text = new List<Block>
        {
            context.Text(result.Definition.Label.Get(context.Language), Typography.CardLabel),
        };
        var description = result.Definition.Description?.Get(context.Language);
        var sentences = context.Sentences(description, difference ? context.S(e.Significant == true ? "clear_difference" : "unclear_difference") : null);
        if (sentences.Length > 0) text.Add(context.Text(sentences, Typography.Small.WithColor(Typography.Ink)));
        // A gap of an indicator quoted just above refers to it instead of repeating its question.
        var question = result.Definition.Of is { } of && quoted.Contains(of)
            ? context.F("question_same", context.IndicatorLabel(of))
            : Question(context, result);
        if (question is not null) text.Add(context.Text(question, Typography.Footnote.WithColor(Typography.Ink)));
        text.Add(context.Text(context.Join(details), Typography.Small));
        var number = context.Text(value);
        return new KeepTogether(new Row([number, new Stack(text, 2)], context.Rtl, 10, [0.22f, 0.78f]) { CellBackground = Typography.AccentLight, CellPadding = 5 });
    }

    /// <summary>
    /// The question behind a figure as respondents read it, with the answers it counts and whom it counts:
    /// Question: “…” Counted: “Agree strongly” / “Agree somewhat”, of all who answered.
    /// </summary>
    public static string? Question(ReportContext context, IndicatorResult result)
    {
        if (context.Survey is null) return null;
        var definition = result.Definition;
        if (definition.Kind == IndicatorKind.Difference)
            return definition.Of is { } of && context.Report.Find(of) is { } compared ? Question(context, compared) : null;
        if (definition.Kind == IndicatorKind.Mean)
        {
            var questions = context.List(definition.Items.Select(i => context.Quote(context.QuestionText(i))));
            return context.F("question_scores", questions);
        }
        if (definition.Item is not { } item) return null;
        return context.Sentences(context.F("question_share", context.Quote(context.QuestionText(item))),
            context.F("question_counted", context.AnswerLabels(definition), IndicatorChartComponent.Base(context, result)));
    }
}

/// <summary>A full suggested citation and, when there is a public results page, its address and a QR code to it.</summary>
internal sealed class CitationComponent(ReportContext context)
{
    public Block Compose()
    {
        var year = context.GeneratedAt.UtcDateTime.Year.ToString(context.Culture);
        var facts = new List<string?>
        {
            context.Request.Place is { Length: > 0 } place ? context.Isolate(place) : null,
            MethodologyBoxComponent.Period(context) ?? (MethodologyBoxComponent.Waves(context) is { Count: > 0 } waves ? context.List(waves.Select(context.Isolate)) : null),
        };
        var citation = context.Sentences(
            context.F("citation", context.Isolate(context.Request.Organization.Trim()), year, context.SurveyTitle, context.S("kind_annex"),
                context.Report.SurveyVersion, context.Format.Count(context.Report.Responses)),
            facts.Any(f => f is not null) ? context.List(facts.OfType<string>()) : null,
            context.F("citation_generated", context.GeneratedDate));
        var text = new List<Block>
        {
            context.Text(context.S("cite_heading"), Typography.Subheading),
            context.Text(citation, Typography.Small.WithColor(Typography.Ink)),
            context.Text(context.Labelled(context.S("annex_methods_label"), context.S("annex_methods")), Typography.Footnote.WithColor(Typography.Ink)),
        };
        if (context.Request.PublicResultsUrl is not { } url)
            return new Box(new Stack(text, 3), 8, Typography.Stripe, null, 3);
        text.Add(context.Text(context.S("results_online"), Typography.Small));
        text.Add(new Paragraph([new Span(url, Typography.Small.WithColor(Typography.Accent))], false, "en", context.Rtl ? TextAlign.End : TextAlign.Start));
        return new Box(new Row([new Stack(text, 3), QrCode.Block(url, 84)], context.Rtl, 12, [0.8f, 0.2f]), 8, Typography.Stripe, null, 3);
    }
}

/// <summary>What anyone needs to reproduce the figures: input hash, survey version, software version, date.</summary>
internal sealed class ReproducibilityComponent(ReportContext context)
{
    /// <summary>One compact paragraph: "Reproducibility: Input data SHA-256 9f2c…; Survey version 1.0.0; Software SurveyPlatform 0.1.0; Generated May 4, 2026."</summary>
    public Block Compose()
    {
        var facts = new (string, string)[]
        {
            (context.S("lbl_sha"), context.Report.InputSha256 ?? context.S("not_recorded")),
            (context.S("lbl_version"), context.Report.SurveyVersion),
            (context.S("lbl_software"), $"SurveyPlatform {context.SoftwareVersion}"),
            (context.S("lbl_generated"), context.GeneratedDate),
        };
        var spans = new List<Span> { new(context.Labelled(context.S("repro_heading"), ""), Typography.Footnote.Bold().WithColor(Typography.Ink)) };
        for (var i = 0; i < facts.Length; i++)
        {
            if (i > 0) spans.Add(new Span(context.Language switch { "zh-Hans" => "；", "ar" => "؛ ", _ => "; " }, Typography.Footnote));
            spans.Add(new Span(facts[i].Item1 + " ", Typography.Footnote.Bold()));
            spans.Add(new Span(context.Isolate(facts[i].Item2), Typography.Footnote));
        }
        return context.Text(spans);
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
