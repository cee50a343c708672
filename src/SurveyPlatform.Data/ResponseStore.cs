using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Data;

public enum SubmitOutcome { Stored, AlreadySubmitted }

/// <summary>What claiming a one-time code found: it was unused and is now used, it was used before, or the run has no such code.</summary>
public enum CodeClaim { Claimed, AlreadyUsed, Unknown }

/// <summary>A response to store, with the session receipt that keeps it single.</summary>
public sealed record Submission(Response Response, byte[] ReceiptHash);

/// <summary>
/// The respondent write path. A response and its submission receipt are committed together before the caller shows
/// the thank-you page (anonymity.md rule 9); a second submit of the same session finds the receipt and stores
/// nothing. One-time codes are claimed apart, in a commit of their own that holds no response (rule 5). Concurrent
/// submissions are written in groups by one writer (SQLite, PostgreSQL), so that one durable commit serves many
/// respondents. Stored rows keep their arrival order only until <see cref="ResponseMixer"/> rewrites them (rule 10).
/// </summary>
public sealed class ResponseStore(IDbContextFactory<SurveyDbContext> dbFactory, GroupWriter? groupWriter = null, ResponseMixer? mixer = null)
{
    public Task<SubmitOutcome> SubmitAsync(Response response, byte[] receiptHash, CancellationToken ct = default) =>
        SubmitAsync(new Submission(response, receiptHash), ct);

    public async Task<SubmitOutcome> SubmitAsync(Submission submission, CancellationToken ct = default)
    {
        StoreMetrics.Enter();
        try
        {
            var outcome = await (groupWriter is not null ? groupWriter.SubmitAsync(submission, ct) : SubmitWithEfAsync(submission, ct));
            mixer?.Written();
            return outcome;
        }
        catch (Exception) when (StoreMetrics.Failed())
        {
            throw;
        }
        finally
        {
            StoreMetrics.Leave();
        }
    }

    /// <summary>Marks an unused code of the run used, in one conditional update; says why when it cannot.</summary>
    public async Task<CodeClaim> ClaimCodeAsync(Guid runId, byte[] codeHash, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claimed = await db.RunCodes
            .Where(c => c.CodeHash == codeHash && c.RunId == runId && !c.Used)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, true), ct);
        if (claimed == 1)
            return CodeClaim.Claimed;
        return await db.RunCodes.AnyAsync(c => c.CodeHash == codeHash && c.RunId == runId, ct) ? CodeClaim.AlreadyUsed : CodeClaim.Unknown;
    }

    /// <summary>Whether the session with this receipt has already submitted.</summary>
    public async Task<bool> HasSubmittedAsync(byte[] receiptHash, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SubmissionReceipts.AnyAsync(r => r.NonceHash == receiptHash, ct);
    }

    /// <summary>
    /// One attempt per call of the database's execution strategy: on PostgreSQL and SQL Server a transient failure
    /// (a dropped connection, a failover) runs the whole transaction again; the receipt makes a second run of a
    /// transaction that did commit store nothing.
    /// </summary>
    private async Task<SubmitOutcome> SubmitWithEfAsync(Submission submission, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(() => SubmitOnceAsync(submission, ct));
    }

    private async Task<SubmitOutcome> SubmitOnceAsync(Submission submission, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.SubmissionReceipts.AnyAsync(r => r.NonceHash == submission.ReceiptHash, ct))
            return SubmitOutcome.AlreadySubmitted;
        db.SubmissionReceipts.Add(new SubmissionReceipt { NonceHash = submission.ReceiptHash, RunId = submission.Response.RunId });
        db.Responses.Add(submission.Response);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return SubmitOutcome.Stored;
        }
        catch (DbUpdateException)
        {
            // Two submits of the same session raced and the other one was stored; anything else is a real failure.
            await transaction.RollbackAsync(ct);
            if (await HasSubmittedAsync(submission.ReceiptHash, ct))
                return SubmitOutcome.AlreadySubmitted;
            throw;
        }
    }
}
