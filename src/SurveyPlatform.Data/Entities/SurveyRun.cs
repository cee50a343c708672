namespace SurveyPlatform.Data.Entities;

public enum RunStatus { Draft = 0, Open = 1, Closed = 2, Purged = 3 }

public enum RunMode { OpenLink = 0, OneTimeCodes = 1 }

/// <summary>How precisely the day of a response is kept (anonymity.md rule 1).</summary>
public enum DatePrecision { Day = 0, Week = 1 }

/// <summary>A survey version open for responses at <c>/s/{Slug}</c>. Owns its responses.</summary>
public class SurveyRun
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public Guid SurveyVersionId { get; set; }
    public SurveyVersion? SurveyVersion { get; set; }
    public Guid? OrganizationId { get; set; }
    public RunStatus Status { get; set; } = RunStatus.Draft;
    public RunMode Mode { get; set; } = RunMode.OpenLink;
    /// <summary>Area codes offered by the <c>area</c> item, space-separated; empty = the definition's defaults.</summary>
    public string AreaCodes { get; set; } = "";
    /// <summary>
    /// Names of the areas per language as JSON (<c>{"eastside": {"en": "Eastside", "es": "Lado este"}}</c>; an older
    /// <c>{"area_1": "Northside"}</c> names an area alike in every language); empty = the survey's own labels.
    /// </summary>
    public string AreaLabelsJson { get; set; } = "";
    public DateOnly? OpensOn { get; set; }
    public DateOnly? ClosesOn { get; set; }
    /// <summary>Wave label stored on each response (e.g. <c>2026-Q1</c>), for trends.</summary>
    public string? Wave { get; set; }
    /// <summary>Site label stored on each response (e.g. <c>cook</c>), for comparisons between places.</summary>
    public string? Site { get; set; }
    public DatePrecision DatePrecision { get; set; } = DatePrecision.Day;
    /// <summary>Where the "leave this page" link goes; null = the platform default.</summary>
    public string? QuickExitUrl { get; set; }
    /// <summary>
    /// Help lines of the thank-you page as JSON, in the survey's <c>thank_you.resources</c> form (names and descriptions per
    /// language, phone, address); empty = the survey's own, <c>[]</c> = none.
    /// </summary>
    public string HelpLinesJson { get; set; } = "";
    /// <summary>Aggregates published at <c>/r/{Slug}</c> for anyone to read.</summary>
    public bool IsPublished { get; set; }
    /// <summary>Privacy threshold k: smaller groups are never published (never below 5).</summary>
    public int MinCellSize { get; set; } = 10;
    /// <summary>Paper mode: organizers may enter paper questionnaires (stored with mode Paper).</summary>
    public bool AllowPaperEntry { get; set; }
    /// <summary>
    /// Synthetic responses (made by <c>survey generate</c>) were imported with <c>--allow-synthetic</c>: every result, report and
    /// export of the run says so.
    /// </summary>
    public bool HoldsSyntheticResponses { get; set; }
    public List<RunShare> Shares { get; set; } = [];

    public IReadOnlyList<string> AreaCodeList =>
        AreaCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether responses are accepted on <paramref name="today"/>.</summary>
    public bool AcceptsResponses(DateOnly today) =>
        Status == RunStatus.Open
        && (OpensOn is null || today >= OpensOn)
        && (ClosesOn is null || today <= ClosesOn);
}
