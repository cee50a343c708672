using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;

namespace SurveyPlatform.Reports;

/// <summary>
/// The three reports (two pages for a police chief, the full tables for a statistician, one citable page for advocates),
/// and the blank questionnaire printed for paper answers (needs <see cref="ReportRequest.Survey"/>; shows no figures).
/// </summary>
public enum ReportKind { Brief, Full, Annex, Questionnaire }

public enum ReportPageSize { Letter, A4 }

/// <summary>
/// Everything a report shows. <see cref="Report"/> holds the figures (and the previous waves in its
/// trends); the rest says who publishes it, in which language, and what a reader needs to trust and
/// reproduce it.
/// </summary>
/// <param name="Language">One of en, es, zh-Hans, vi, ar, ht; a regional tag (es-MX) uses its language's words and its region's number formats.</param>
/// <param name="Organization">Who publishes the report; printed on every page and written as the PDF author.</param>
public sealed record ReportRequest(ReportKind Kind, IndicatorReport Report, string Language, string Organization)
{
    /// <summary>The survey definition: its title, the answer labels of groups, and the questionnaire printed in the full report.</summary>
    public SurveyDefinition? Survey { get; init; }
    /// <summary>Public results page, shown as a QR code and link on the advocate annex.</summary>
    public string? PublicResultsUrl { get; init; }
    /// <summary>When the report is generated (printed, and the PDF dates); default now.</summary>
    public DateTimeOffset? GeneratedAt { get; init; }
    /// <summary>Printed in the reproducibility footer; default the version of this library.</summary>
    public string? SoftwareVersion { get; init; }
    /// <summary>The community surveyed, e.g. "Riverside County"; optional.</summary>
    public string? Place { get; init; }
    /// <summary>First and last day of fieldwork; optional.</summary>
    public DateOnly? FieldworkStart { get; init; }
    public DateOnly? FieldworkEnd { get; init; }
    /// <summary>Responses received by language, wave or week, as disclosure control published them with the figures (<see cref="ResponseCounts.From(Core.Disclosure.Release)"/>); shown in the full report.</summary>
    public IReadOnlyList<ResponseCounts> ResponseCounts { get; init; } = [];
    public ReportPageSize PageSize { get; init; } = ReportPageSize.Letter;
}
