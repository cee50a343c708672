using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Reports.Components;

/// <summary>
/// Which responses the brief's figures describe. With several survey waves the figures are those of the latest
/// wave (the state of things now; the trend section shows the way there); a figure the data does not give for
/// the latest wave alone pools every wave and says so. Sites are always pooled, and the brief says which.
/// </summary>
internal sealed class BriefScope
{
    private readonly ReportContext _context;

    public BriefScope(ReportContext context)
    {
        _context = context;
        var report = context.Report;
        Waves = report.Trends.FirstOrDefault(t => t.Waves.Count > 0)?.Waves.Select(w => w.Value).ToList()
            ?? Values(ResponseTable.Wave);
        Latest = Waves.Count >= 2 ? Waves[^1] : null;
        Sites = Values(ResponseTable.Site);
        if (Sites.Count == 0 && report.DifferenceInDifferences.FirstOrDefault() is { } did) Sites = [did.Site, did.ComparisonSite];
    }

    /// <summary>Waves in order, when the data has a wave column.</summary>
    public IReadOnlyList<string> Waves { get; }

    /// <summary>The latest of two or more waves; null when the figures cover the one period surveyed.</summary>
    public string? Latest { get; }

    /// <summary>Sites pooled in every figure of the brief (none when the data has no site column).</summary>
    public IReadOnlyList<string> Sites { get; }

    /// <summary>The indicator's figure in the brief: the latest wave's when there is one, else all responses.</summary>
    public Estimate Of(IndicatorResult result) => Latest is null ? result.Overall : LatestOf(result) ?? result.Overall;

    /// <summary>True when the figure pools all waves although the brief is about the latest one.</summary>
    public bool Pooled(IndicatorResult result) => Latest is not null && LatestOf(result) is null;

    private Estimate? LatestOf(IndicatorResult result)
    {
        var trend = _context.Report.Trends.FirstOrDefault(t => t.IndicatorId == result.Id);
        return trend?.Waves.FirstOrDefault(w => w.Value == Latest)?.Estimate
            ?? result.Groups.FirstOrDefault(g => g.By == ResponseTable.Wave && g.Value == Latest)?.Estimate;
    }

    /// <summary>A sentence saying what the figures cover: the latest wave, the sites pooled.</summary>
    public string Statement()
    {
        var parts = new List<string>();
        if (Latest is not null) parts.Add(_context.F("scope_latest", _context.Isolate(Latest), Waves.Count, _context.Isolate(Waves[0])));
        else if (Waves.Count == 1) parts.Add(_context.F("scope_one_wave", _context.Isolate(Waves[0])));
        if (Sites.Count >= 2) parts.Add(_context.F("scope_sites", _context.List(Sites.Select(s => _context.GroupLabel(ResponseTable.Site, s)))));
        return _context.Sentences([.. parts]);
    }

    /// <summary>The note on a figure that pools all waves in a brief about the latest one.</summary>
    public string PooledNote() => _context.F("scope_pooled_note", Waves.Count);

    private List<string> Values(string by)
    {
        var fromCounts = _context.Request.ResponseCounts.FirstOrDefault(c => c.By == by)?.Counts
            .Select(c => c.Value).Where(v => v is not GroupEstimate.NotAnswered and not GroupEstimate.NotAsked).ToList();
        if (fromCounts is { Count: > 0 }) return by == ResponseTable.Wave ? [.. fromCounts.Order(StringComparer.Ordinal)] : fromCounts;
        var fromGroups = _context.Report.Indicators.Where(i => i.Kind != IndicatorKind.Difference).SelectMany(i => i.Groups)
            .Where(g => g.By == by && g.Value is not GroupEstimate.NotAnswered and not GroupEstimate.NotAsked).Select(g => g.Value).Distinct().ToList();
        return by == ResponseTable.Wave ? [.. fromGroups.Order(StringComparer.Ordinal)] : fromGroups;
    }
}
