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
    /// <summary>
    /// How respondents were reached, in the organizer's words (e.g. "flyers at three churches and the community
    /// clinic"); printed where the reports say who answered. Default: invited through community organizations.
    /// </summary>
    public string? Recruitment { get; init; }
    /// <summary>True only when respondents were drawn at random from a list of the population; otherwise every report says the sample is not random.</summary>
    public bool RandomSample { get; init; }
    /// <summary>The characteristics the weights were built on (e.g. area, gender), named in the reports; null when unknown or unweighted.</summary>
    public IReadOnlyList<string>? WeightingVariables { get; init; }
    /// <summary>The population shares the weights were made to match, with the respondents in each group (already privacy-suppressed); shown in the full report.</summary>
    public IReadOnlyList<WeightingMargin> WeightingMargins { get; init; } = [];
}

/// <summary>One characteristic the weights match (<see cref="By"/>, e.g. gender) and its groups.</summary>
public sealed record WeightingMargin(string By, IReadOnlyList<WeightingTarget> Targets);

/// <summary>A group's share of the population (0–1) and how many respondents it has (null when withheld for privacy).</summary>
public sealed record WeightingTarget(string Value, double PopulationShare, long? Respondents);
