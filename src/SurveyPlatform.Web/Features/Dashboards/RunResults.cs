using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Disclosure;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Dashboards;

/// <summary>
/// One run's published results: every indicator by every breakdown the survey offers, and its response counts, as one
/// release through disclosure control (docs/anonymity.md rule 7), with the run's own threshold k.
/// </summary>
public sealed record RunReport(Guid RunId, string Name, string Slug, string? Wave, string? Site, SurveyDefinition Definition, IndicatorReport Report)
{
    /// <summary>Responses by language and wave, as published with the figures.</summary>
    public IReadOnlyList<CountTable> Counts { get; init; } = [];
    /// <summary>The day the release was made; null for an organizer's live results.</summary>
    public DateOnly? ReleasedOn { get; init; }
    /// <summary>False while there is nothing to publish (fewer than k responses): the report is then empty.</summary>
    public bool HasResults => Report.PublishedResponses is not null;

    /// <summary>The same results with the groups of one breakdown only (none for <paramref name="by"/> null): what a page shows at a time.</summary>
    public RunReport Slice(string? by) => this with
    {
        Report = Report with { Indicators = [.. Report.Indicators.Select(i => i with { Groups = by is null ? [] : [.. i.Groups.Where(g => g.By == by)] })] },
    };
}

/// <summary>
/// Results of runs from their stored responses. Every view reads results only through here, so every number shown has
/// passed disclosure control. People without access to rows (the public page, police reviewers, advocates, their PDFs)
/// see <see cref="ReleasedAsync(Guid, CancellationToken)"/>: the run's release, made again only when at least k new
/// responses arrived, so that fetching before and after one response shows the same figures. Organizers, who may
/// export the rows anyway, follow fieldwork with <see cref="LiveAsync(Guid, bool, CancellationToken)"/>.
/// Breakdowns are those the survey definition offers.
/// </summary>
public sealed class RunResults(IDbContextFactory<SurveyDbContext> dbFactory, TimeProvider time)
{
    // One release at a time per run in this instance; the database serialises instances (MakeAsync).
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _making = new();

    /// <summary>The breakdowns offered for a survey, by name: its definition's list.</summary>
    public static IReadOnlyList<string> BreakdownsFor(SurveyDefinition definition) => [.. Breakdown.Offered(definition).Select(b => b.Name)];

    /// <summary>The run's results now (organizers). With <paramref name="hash"/>, the report records the SHA-256 of its data.</summary>
    public async Task<RunReport?> LiveAsync(Guid runId, bool hash = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await FindAsync(db, runId, ct);
        if (run is null) return null;
        var definition = Definition(run);
        var table = await ResponseTransfer.LoadAsync(db, run, definition, ct);
        return Compute(run, definition, table, hash ? Sha256(table) : null, releasedOn: null);
    }

    /// <summary>
    /// Several runs' live results (waves of a trend, sites of a comparison), ordered by wave, then site. A run whose results
    /// the caller has already (<paramref name="known"/>) is not computed again.
    /// </summary>
    public async Task<IReadOnlyList<RunReport>> LiveAsync(IReadOnlyCollection<Guid> runIds, RunReport? known = null, CancellationToken ct = default)
    {
        var reports = new List<RunReport>();
        foreach (var id in await OrderedAsync(runIds, ct))
            if ((id == known?.RunId ? known : await LiveAsync(id, ct: ct)) is { } report) reports.Add(report);
        return reports;
    }

    /// <summary>
    /// The run's current release: the stored one, or a new one when at least k responses arrived since it was made (or
    /// there is none yet and the run has k). A run with fewer than k responses gives a report without results.
    /// </summary>
    public async Task<RunReport?> ReleasedAsync(Guid runId, CancellationToken ct = default)
    {
        var gate = _making.GetOrAdd(runId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var run = await FindAsync(db, runId, ct);
            if (run is null) return null;
            var definition = Definition(run);
            var k = MinCell(run);
            var latest = await LatestAsync(db, runId, ct);
            var release = latest is null ? null : ReleaseJson.Read(latest.Content, definition);
            var count = await db.Responses.CountAsync(r => r.RunId == runId, ct);
            if (NeedsNew(latest, release, count, k))
            {
                latest = await MakeAsync(db, run, definition, k, ct);
                release = latest is null ? null : ReleaseJson.Read(latest.Content, definition);
            }
            if (latest is null || release is null) return Pending(run, definition);
            return new RunReport(run.Id, run.Name, run.Slug, run.Wave, run.Site, definition, release.Report)
            {
                Counts = release.Counts,
                ReleasedOn = latest.CreatedOn,
            };
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Several runs' releases, ordered by wave, then site; <paramref name="known"/> as in <see cref="LiveAsync(IReadOnlyCollection{Guid}, RunReport?, CancellationToken)"/>.</summary>
    public async Task<IReadOnlyList<RunReport>> ReleasedAsync(IReadOnlyCollection<Guid> runIds, RunReport? known = null, CancellationToken ct = default)
    {
        var reports = new List<RunReport>();
        foreach (var id in await OrderedAsync(runIds, ct))
            if ((id == known?.RunId ? known : await ReleasedAsync(id, ct)) is { } report) reports.Add(report);
        return reports;
    }

    private static Task<RunRelease?> LatestAsync(SurveyDbContext db, Guid runId, CancellationToken ct) =>
        db.Releases.AsNoTracking().Where(r => r.RunId == runId).OrderByDescending(r => r.Responses).FirstOrDefaultAsync(ct);

    /// <summary>
    /// A new release is due when there is none, when at least k responses arrived since the last one, or when the last
    /// one was made with a smaller threshold than the run's k now (a raised k takes effect at once).
    /// </summary>
    private static bool NeedsNew(RunRelease? latest, Release? release, long count, int k) =>
        latest is null || release is null ? count >= k : count - latest.Responses >= k || release.Report.MinCell < k;

    /// <summary>
    /// Computes and stores a release of all the run's responses, replacing the previous one; null when it cannot be
    /// published safely. Several instances may decide at the same moment that a release is due: the run's row is locked
    /// (a write to it) for the replacement, and the release stored meanwhile by another instance is kept when it is not
    /// due for replacement, so that two releases never differ by fewer than k responses.
    /// </summary>
    private async Task<RunRelease?> MakeAsync(SurveyDbContext db, SurveyRun run, SurveyDefinition definition, int k, CancellationToken ct)
    {
        var table = await ResponseTransfer.LoadAsync(db, run, definition, ct);
        var sha = Sha256(table);
        if (Compute(run, definition, table, sha, releasedOn: null) is not { HasResults: true } report) return null;
        var release = new Release(report.Report, report.Counts, new AuditReport(report.Report.MinCell, []));
        var entity = new RunRelease
        {
            RunId = run.Id,
            Responses = table.Count,
            CreatedOn = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime),
            InputSha256 = sha,
            Content = ReleaseJson.Write(release),
        };
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Runs.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.MinCellSize, r => r.MinCellSize), ct);
            var current = await LatestAsync(db, run.Id, ct);
            if (current is not null && !NeedsNew(current, ReleaseJson.Read(current.Content, definition), table.Count, k))
            {
                await transaction.CommitAsync(ct);
                return current;
            }
            // Only the current release is kept: an older one is not needed to show anything.
            await db.Releases.Where(r => r.RunId == run.Id).ExecuteDeleteAsync(ct);
            db.Releases.Add(entity);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return entity;
        });
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

    /// <summary>
    /// The waves a report of the run shows as its trend: runs of the same survey by the same organization at the same site
    /// that have a wave label, this one included, in wave order. Only those <paramref name="allowed"/> accepts count.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> WavesAsync(Guid runId, Func<Guid, bool> allowed, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Runs.AsNoTracking().Include(r => r.SurveyVersion).FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run?.Wave is null) return [];
        var surveyId = run.SurveyVersion!.SurveyId;
        var runs = await db.Runs.AsNoTracking()
            .Where(r => r.OrganizationId == run.OrganizationId && r.SurveyVersion!.SurveyId == surveyId && r.Site == run.Site
                && r.Wave != null && r.Status != RunStatus.Purged)
            .Select(r => new { r.Id, r.Wave }).ToListAsync(ct);
        return [.. runs.Where(r => r.Id == runId || allowed(r.Id)).OrderBy(r => r.Wave, StringComparer.Ordinal).Select(r => r.Id)];
    }

    /// <summary>
    /// The report with its trend across waves taken from each wave's own results (when the run's data holds a single
    /// wave): every figure of the trend is one those results publish.
    /// </summary>
    public static IndicatorReport WithTrend(RunReport current, IReadOnlyList<RunReport> waves)
    {
        if (current.Report.Trends.Count > 0 || waves.Count < 2) return current.Report;
        return current.Report with { Trends = WaveTrends.Across([.. waves.Select(w => (w.Wave ?? w.Name, w.RunId == current.RunId ? current.Report : w.Report))]) };
    }

    private async Task<IReadOnlyList<Guid>> OrderedAsync(IReadOnlyCollection<Guid> runIds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await db.Runs.AsNoTracking().Where(r => runIds.Contains(r.Id) && r.Status != RunStatus.Purged)
            .Select(r => new { r.Id, r.OpensOn, r.Wave, r.Site }).ToListAsync(ct);
        return [.. runs.OrderBy(r => r.OpensOn ?? DateOnly.MaxValue).ThenBy(r => r.Wave, StringComparer.Ordinal).ThenBy(r => r.Site, StringComparer.Ordinal).Select(r => r.Id)];
    }

    private static Task<SurveyRun?> FindAsync(SurveyDbContext db, Guid runId, CancellationToken ct) =>
        db.Runs.AsNoTracking().Include(r => r.SurveyVersion).FirstOrDefaultAsync(r => r.Id == runId && r.Status != RunStatus.Purged, ct);

    private static SurveyDefinition Definition(SurveyRun run) =>
        DefinitionLoader.Load(run.SurveyVersion!.DefinitionJson, $"{run.SurveyVersion.SurveyId} {run.SurveyVersion.Version}");

    private static int MinCell(SurveyRun run) => Math.Max(EngineOptions.SmallestMinCell, run.MinCellSize);

    /// <summary>The release of a table: the offered breakdowns and the counts by language (and wave), through disclosure control.</summary>
    private static RunReport Compute(SurveyRun run, SurveyDefinition definition, ResponseTable table, string? sha, DateOnly? releasedOn)
    {
        try
        {
            var release = DisclosureControl.Publish(table,
                new EngineOptions { MinCell = MinCell(run), Breakdowns = Breakdown.Offered(definition), InputSha256 = sha },
                new ReleaseOptions { CountsBy = run.Wave is null ? [ResponseTable.Lang] : [ResponseTable.Lang, ResponseTable.Wave] });
            if (release.Report.PublishedResponses is null) return Pending(run, definition);
            return new RunReport(run.Id, run.Name, run.Slug, run.Wave, run.Site, definition, release.Report) { Counts = release.Counts, ReleasedOn = releasedOn };
        }
        catch (DisclosureException)
        {
            return Pending(run, definition);
        }
    }

    /// <summary>A run with nothing that can be published yet: no figure, not even the number of responses.</summary>
    private static RunReport Pending(SurveyRun run, SurveyDefinition definition) =>
        new(run.Id, run.Name, run.Slug, run.Wave, run.Site, definition, new IndicatorReport
        {
            Survey = definition.Id,
            SurveyVersion = definition.Version,
            Responses = 0,
            Weighted = false,
            MinCell = MinCell(run),
            CiMethod = "kg",
            Breakdowns = [],
            Indicators = [],
        });

    /// <summary>SHA-256 of the responses as <c>survey export --format csv</c> writes them (UTF-8): what the report says it was made from.</summary>
    public static string Sha256(ResponseTable table)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var stream = new HashStream(hash))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
            ResponseCsv.Write(table, writer);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A stream that only hashes what is written to it.</summary>
    private sealed class HashStream(IncrementalHash hash) : Stream
    {
        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => hash.AppendData(buffer);
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
