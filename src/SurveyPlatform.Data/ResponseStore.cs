using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Data;

public enum SubmitOutcome { Stored, AlreadySubmitted, CodeAlreadyUsed }

/// <summary>A response to store, with the proofs that keep it single: the session receipt and, in one-time-code runs, the code.</summary>
public sealed record Submission(Response Response, byte[] ReceiptHash, byte[]? CodeHash = null);

/// <summary>
/// The respondent write path. A response, its submission receipt and the use of its one-time code are
/// committed together before the caller shows the thank-you page (anonymity.md rule 9); a second submit
/// of the same session finds the receipt and stores nothing. On SQLite, concurrent submissions are
/// written in groups by one writer, so that one durable commit serves many respondents.
/// </summary>
public sealed class ResponseStore(IDbContextFactory<SurveyDbContext> dbFactory, SqliteGroupWriter? groupWriter = null)
{
    public Task<SubmitOutcome> SubmitAsync(Response response, byte[] receiptHash, CancellationToken ct = default) =>
        SubmitAsync(new Submission(response, receiptHash), ct);

    public async Task<SubmitOutcome> SubmitAsync(Submission submission, CancellationToken ct = default)
    {
        StoreMetrics.Enter();
        try
        {
            return await (groupWriter is not null ? groupWriter.SubmitAsync(submission, ct) : SubmitWithEfAsync(submission, ct));
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
        if (submission.CodeHash is { } code)
        {
            var claimed = await db.RunCodes
                .Where(c => c.CodeHash == code && c.RunId == submission.Response.RunId && !c.Used)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, true), ct);
            if (claimed != 1)
                return SubmitOutcome.CodeAlreadyUsed;
        }
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
            if (await ReceiptExistsAsync(submission.ReceiptHash, ct))
                return SubmitOutcome.AlreadySubmitted;
            throw;
        }
    }

    private async Task<bool> ReceiptExistsAsync(byte[] receiptHash, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SubmissionReceipts.AnyAsync(r => r.NonceHash == receiptHash, ct);
    }
}
