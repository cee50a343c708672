using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Account;
using SurveyPlatform.Web.Features.Surveys;

namespace SurveyPlatform.Web.Features.Runs;

/// <summary>
/// Deletion that is real (anonymity.md rule 8): the run is closed and marked purged, its responses, submission
/// receipts and codes are deleted and, on SQLite, the file is vacuumed so the deleted rows leave no trace in free pages or the log.
/// </summary>
public sealed class RunPurge(IDbContextFactory<SurveyDbContext> dbFactory, SurveyCatalog catalog, AuditLog audit)
{
    public async Task<int> PurgeAsync(Guid runId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        int deleted;
        SurveyRun run;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            run = await db.Runs.FirstAsync(r => r.Id == runId, ct);
            // The execution strategy runs the transaction again after a transient failure (PostgreSQL, SQL Server).
            deleted = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                run.Status = RunStatus.Purged;
                run.IsPublished = false;
                await db.SaveChangesAsync(ct);
                var count = await db.Responses.Where(r => r.RunId == runId).ExecuteDeleteAsync(ct);
                await db.SubmissionReceipts.Where(r => r.RunId == runId).ExecuteDeleteAsync(ct);
                await db.RunCodes.Where(c => c.RunId == runId).ExecuteDeleteAsync(ct);
                await db.RunShares.Where(s => s.RunId == runId).ExecuteDeleteAsync(ct);
                await db.Releases.Where(r => r.RunId == runId).ExecuteDeleteAsync(ct);
                await transaction.CommitAsync(ct);
                return count;
            });
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
                await db.Database.ExecuteSqlRawAsync("VACUUM;", ct);
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
            }
        }
        await catalog.ReloadAsync(ct);
        await audit.WriteAsync(user, AuditActions.Purge, run.OrganizationId, run.Slug, $"{deleted} responses deleted");
        return deleted;
    }
}
