using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Reports.Components;
using SurveyPlatform.Reports.Documents;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Localization;
using SurveyPlatform.Reports.Pdf;

namespace SurveyPlatform.Reports;

/// <summary>
/// Renders a report to PDF bytes: compose the document from its components, flow it into pages, draw
/// the pages with Skia. Fonts and shapers are loaded once per process and shared; each call builds
/// only its own document, so calls may run in parallel.
/// </summary>
public static class ReportRenderer
{
    public static byte[] Render(ReportRequest request) => Render(request, out _);

    /// <summary>
    /// The breakdowns the reports are computed with: those the survey offers, and its area in each wave (the brief's
    /// results by area over time) when the survey has an <c>area</c> item.
    /// </summary>
    public static IReadOnlyList<Breakdown> Breakdowns(SurveyDefinition survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var offered = Breakdown.Offered(survey);
        return survey.FindItem("area") is { Type: ItemType.Single } && offered.All(b => b.Name != AreaTrendComponent.Breakdown)
            ? [.. offered, Breakdown.Of("area", ResponseTable.Wave)] : offered;
    }

    /// <summary>
    /// The number a question has on the paper form and in the reports' questionnaire: its position among all the survey's
    /// items in page order, from 1, every item counted (also those asked only of some people, and free text); 0 for an
    /// unknown key. Paper entry numbers its fields with this, so a typist can follow the printed form.
    /// </summary>
    public static int QuestionNumber(SurveyDefinition survey, string key)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return QuestionnaireComponent.Number(survey, key);
    }

    /// <summary>The languages every report can be written in; the first is the fallback.</summary>
    public static IReadOnlyList<string> Languages => ReportStrings.Languages;

    /// <summary>
    /// Renders a report of <paramref name="kind"/> in <paramref name="language"/> from a few hundred synthetic
    /// responses and throws it away. The first report of a process spends about 0.4 s loading the fonts and
    /// the chart engine (which looks through the system's fonts) and compiling the layout and PDF code, against
    /// 30 ms for the next one. A command that renders one report calls this on another core while it reads the
    /// responses, so that cost is off its critical path. Does nothing for a language reports are not written in
    /// (the real render reports that); never changes what a later render produces.
    /// </summary>
    public static void WarmUp(SurveyDefinition survey, ReportKind kind, string language)
    {
        ArgumentNullException.ThrowIfNull(survey);
        if (ReportStrings.Resolve(language) is null) return;
        var table = SyntheticResponses.Generate(survey, new SyntheticOptions { Count = WarmUpResponses, Seed = 1 });
        // Only the full report draws tables by breakdown; the brief and the annex warm up without them (the breakdowns of a
        // few hundred rows would keep the disclosure auditor busy on this core for most of a second).
        var report = IndicatorEngine.Compute(table, new EngineOptions { Breakdowns = kind == ReportKind.Full ? Breakdowns(survey) : [] });
        Render(new ReportRequest(kind, report, language, "SurveyPlatform") { Survey = survey });
    }

    /// <summary>Enough synthetic responses that most figures are shown and a few are withheld, as in a real report.</summary>
    private const int WarmUpResponses = 300;

    /// <summary>
    /// Printable one-time code cards (<see cref="CodeCardRequest"/>): eight to a page, in the chosen language, with the
    /// report engine's fonts, shaping and QR codes.
    /// </summary>
    public static byte[] RenderCodeCards(CodeCardRequest request) => RenderCodeCards(request, out _);

    internal static byte[] RenderCodeCards(CodeCardRequest request, out string missingCharacters)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = ReportStrings.Resolve(request.Language) ?? throw new ArgumentException(
            $"Code cards cannot be printed in '{request.Language}'; allowed: {string.Join(", ", ReportStrings.Languages)} (or a regional form such as es-MX).", nameof(request));
        if (!(Uri.TryCreate(request.SurveyAddress, UriKind.Absolute, out var address) && address.Scheme is "https" or "http"))
            throw new ArgumentException($"The survey address '{request.SurveyAddress}' is not a web address; allowed: an absolute http or https URL.", nameof(request));
        if (string.IsNullOrWhiteSpace(request.Organization))
            throw new ArgumentException("The code cards need the name of the organization that hands them out (Organization).", nameof(request));
        if (request.Cards is null || request.Cards.Count == 0)
            throw new ArgumentException("There are no codes to print (Cards).", nameof(request));
        var empty = new IndicatorReport
        {
            Survey = request.Survey?.Id ?? "",
            SurveyVersion = request.Survey?.Version ?? "",
            Responses = 0,
            Weighted = false,
            MinCell = EngineOptions.SmallestMinCell,
            CiMethod = "kg",
            Breakdowns = [],
            Indicators = [],
        };
        var context = new ReportContext(new ReportRequest(ReportKind.Brief, empty, request.Language, request.Organization)
        { Survey = request.Survey, GeneratedAt = request.GeneratedAt }, language);
        var geometry = CodeCardsDocument.Geometry(request.PageSize);
        var document = new CodeCardsDocument(context, request);
        var pages = Paginator.Paginate(document.Compose(geometry), geometry, null, null);
        missingCharacters = MissingCharacters(pages);
        var title = request.Survey?.Title.Get(language) ?? request.Title ?? context.S("card_title");
        var info = new PdfInfo($"{title}: {context.S("card_sheet")}", request.Organization.Trim(), title, language, context.Rtl,
            context.GeneratedAt.UtcDateTime, $"SurveyPlatform {context.SoftwareVersion}");
        return PdfWriter.Write(pages, info);
    }

    /// <summary>Characters drawn with no glyph (an empty box) in any font: none in the shipped languages.</summary>
    private static string MissingCharacters(IReadOnlyList<Fragment> pages) =>
        string.Concat(pages.SelectMany(p => p.Flatten()).Select(f => f.Op).OfType<TextRunOp>()
            .SelectMany(t => Enumerable.Range(t.Run.From, t.Run.To - t.Run.From).Where(g => t.Run.Item.Glyphs[g] == 0)
                .Select(g => t.Paragraph[t.Run.Item.Clusters[g]]))
            .Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).Distinct());

    /// <summary>Renders and reports the characters no report font had a glyph for (none in the shipped languages).</summary>
    internal static byte[] Render(ReportRequest request, out string missingCharacters)
    {
        var context = new ReportContext(request, Validate(request));
        ReportDocument document = request.Kind switch
        {
            ReportKind.Brief => new ChiefBriefDocument(context),
            ReportKind.Full => new TechnicalReportDocument(context),
            ReportKind.Annex => new AdvocateAnnexDocument(context),
            ReportKind.Questionnaire => new PaperQuestionnaireDocument(context),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "Unknown report kind; allowed: Brief, Full, Annex, Questionnaire."),
        };
        var geometry = request.PageSize == ReportPageSize.A4 ? PageGeometry.A4 : PageGeometry.Letter;
        var pages = Paginator.Paginate(document.Compose(), geometry, document.Header, document.Footer, document.Footnotes);
        missingCharacters = MissingCharacters(pages);
        var info = new PdfInfo(document.Title, request.Organization.Trim(), context.SurveyTitle, context.Language, context.Rtl,
            context.GeneratedAt.UtcDateTime, $"SurveyPlatform {context.SoftwareVersion}");
        return PdfWriter.Write(pages, info);
    }

    /// <summary>Checks the request and returns the report language; a bad field gets a message that says which and what is allowed.</summary>
    private static string Validate(ReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Report is null) throw new ArgumentException("The report request has no indicator results (Report).", nameof(request));
        var language = ReportStrings.Resolve(request.Language) ?? throw new ArgumentException(
            $"Reports cannot be written in '{request.Language}'; allowed: {string.Join(", ", ReportStrings.Languages)} (or a regional form such as es-MX).", nameof(request));
        if (request.Kind == ReportKind.Questionnaire && request.Survey is null)
            throw new ArgumentException("A paper questionnaire needs the survey definition (Survey).", nameof(request));
        if (string.IsNullOrWhiteSpace(request.Organization))
            throw new ArgumentException("The report needs the name of the organization that publishes it (Organization).", nameof(request));
        if (request.PublicResultsUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            throw new ArgumentException($"The public results address '{url}' is not a web address; allowed: an absolute http or https URL.", nameof(request));
        return language;
    }
}
