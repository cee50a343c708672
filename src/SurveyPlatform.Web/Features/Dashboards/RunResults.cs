using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Dashboards;

/// <summary>One run's indicators, privacy-suppressed with the run's own threshold.</summary>
public sealed record RunReport(Guid RunId, string Name, string Slug, string? Wave, string? Site, SurveyDefinition Definition, IndicatorReport Report);

/// <summary>
/// Computes the indicators of runs from their stored responses. Every view (organizer dashboard, police
/// reviewer dashboard, public page) reads results only through here, so every number shown has passed the
/// privacy suppression of indicators.md. Breakdowns come from a fixed list only.
/// </summary>
public sealed class RunResults(IDbContextFactory<SurveyDbContext> dbFactory)
{
    /// <summary>The breakdowns offered anywhere, in this order, where the survey has the item.</summary>
    public static readonly IReadOnlyList<string> FixedBreakdowns =
        ["born_here", "household_concern", "home_language", "age_group", "gender", "area", "lang"];

    public static IReadOnlyList<string> BreakdownsFor(SurveyDefinition definition) =>
        FixedBreakdowns.Where(k => Breakdown.IsBreakdownKey(k, definition)).ToList();

    public async Task<RunReport?> ForRunAsync(Guid runId, string? breakdown = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Runs.AsNoTracking().Include(r => r.SurveyVersion)
            .FirstOrDefaultAsync(r => r.Id == runId && r.Status != RunStatus.Purged, ct);
        return run is null ? null : await ComputeAsync(db, run, breakdown, ct);
    }

    /// <summary>Several runs of one survey, each computed alone (waves for a trend, sites for a comparison); ordered by wave, then site.</summary>
    public async Task<IReadOnlyList<RunReport>> ForRunsAsync(IReadOnlyCollection<Guid> runIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await db.Runs.AsNoTracking().Include(r => r.SurveyVersion)
            .Where(r => runIds.Contains(r.Id) && r.Status != RunStatus.Purged).ToListAsync(ct);
        var reports = new List<RunReport>();
        foreach (var run in runs.OrderBy(r => r.OpensOn ?? DateOnly.MaxValue).ThenBy(r => r.Wave, StringComparer.Ordinal).ThenBy(r => r.Site, StringComparer.Ordinal))
            reports.Add(await ComputeAsync(db, run, null, ct));
        return reports;
    }

    /// <summary>Other runs of the same survey by the same organization: the waves of a trend.</summary>
    public async Task<IReadOnlyList<Guid>> SameSurveyRunsAsync(Guid runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Runs.AsNoTracking().Include(r => r.SurveyVersion).FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null)
            return [];
        var surveyId = run.SurveyVersion!.SurveyId;
        return await db.Runs.AsNoTracking()
            .Where(r => r.OrganizationId == run.OrganizationId && r.SurveyVersion!.SurveyId == surveyId && r.Status != RunStatus.Purged)
            .Select(r => r.Id).ToListAsync(ct);
    }

    private static async Task<RunReport> ComputeAsync(SurveyDbContext db, SurveyRun run, string? breakdown, CancellationToken ct)
    {
        var version = run.SurveyVersion!;
        var definition = DefinitionLoader.Load(version.DefinitionJson, $"{version.SurveyId} {version.Version}");
        var table = await ResponseTransfer.LoadAsync(db, run, definition, ct);
        var breakdowns = breakdown is not null && BreakdownsFor(definition).Contains(breakdown)
            ? new[] { Breakdown.Of(breakdown) } : [];
        var report = IndicatorEngine.Compute(table, new EngineOptions
        {
            MinCell = Math.Max(EngineOptions.SmallestMinCell, run.MinCellSize),
            Breakdowns = breakdowns,
        });
        return new RunReport(run.Id, run.Name, run.Slug, run.Wave, run.Site, definition, report);
    }
}
