using System.Text.RegularExpressions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Runs;

/// <summary>The editable settings of a run, checked with a message per field.</summary>
public sealed partial class RunSettings
{
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string? Wave { get; set; }
    public string? Site { get; set; }
    public RunMode Mode { get; set; } = RunMode.OpenLink;
    /// <summary>Area codes separated by spaces or commas; empty = the survey's own.</summary>
    public string AreaCodes { get; set; } = "";
    public DateTime? OpensOn { get; set; }
    public DateTime? ClosesOn { get; set; }
    public int MinCellSize { get; set; } = 10;
    public bool AllowPaperEntry { get; set; }
    public DatePrecision DatePrecision { get; set; } = DatePrecision.Day;

    public static RunSettings From(SurveyRun run) => new()
    {
        Name = run.Name,
        Slug = run.Slug,
        Wave = run.Wave,
        Site = run.Site,
        Mode = run.Mode,
        AreaCodes = run.AreaCodes,
        OpensOn = run.OpensOn?.ToDateTime(TimeOnly.MinValue),
        ClosesOn = run.ClosesOn?.ToDateTime(TimeOnly.MinValue),
        MinCellSize = run.MinCellSize,
        AllowPaperEntry = run.AllowPaperEntry,
        DatePrecision = run.DatePrecision,
    };

    /// <summary>Problems by field; empty when the settings can be saved.</summary>
    public Dictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 200)
            errors[nameof(Name)] = "Enter a name of at most 200 characters.";
        if (!SlugPattern().IsMatch(Slug.Trim()))
            errors[nameof(Slug)] = "Use 3 to 60 lower-case letters, digits and dashes, starting with a letter or digit (e.g. eastside-2026).";
        if (Wave is { Length: > 50 })
            errors[nameof(Wave)] = "At most 50 characters.";
        if (Site is { Length: > 50 })
            errors[nameof(Site)] = "At most 50 characters.";
        var codes = AreaCodeList();
        if (codes.Any(c => !CodePattern().IsMatch(c)))
            errors[nameof(AreaCodes)] = "Area codes are lower-case letters, digits and underscores (e.g. area_1 northside), separated by spaces.";
        else if (codes.Count != codes.Distinct().Count())
            errors[nameof(AreaCodes)] = "An area code is listed twice.";
        if (OpensOn is { } opens && ClosesOn is { } closes && closes < opens)
            errors[nameof(ClosesOn)] = "The closing date is before the opening date.";
        if (MinCellSize < EngineOptions.SmallestMinCell)
            errors[nameof(MinCellSize)] = $"The smallest group shown must be at least {EngineOptions.SmallestMinCell} respondents.";
        return errors;
    }

    public IReadOnlyList<string> AreaCodeList() =>
        AreaCodes.Split([' ', ',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void ApplyTo(SurveyRun run)
    {
        run.Name = Name.Trim();
        run.Slug = Slug.Trim();
        run.Wave = string.IsNullOrWhiteSpace(Wave) ? null : Wave.Trim();
        run.Site = string.IsNullOrWhiteSpace(Site) ? null : Site.Trim();
        run.Mode = Mode;
        run.AreaCodes = string.Join(' ', AreaCodeList());
        run.OpensOn = OpensOn is { } o ? DateOnly.FromDateTime(o) : null;
        run.ClosesOn = ClosesOn is { } c ? DateOnly.FromDateTime(c) : null;
        run.MinCellSize = MinCellSize;
        run.AllowPaperEntry = AllowPaperEntry;
        run.DatePrecision = DatePrecision;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,59}$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z0-9_]{1,40}$")]
    private static partial Regex CodePattern();
}
