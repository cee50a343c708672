using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Data;

public enum SubmitOutcome { Stored, AlreadySubmitted }

/// <summary>What claiming a one-time code found: it was free and is now used, it was used before, or the run has no such code.</summary>
public enum CodeClaim { Claimed, AlreadyUsed, Unknown }

/// <summary>
/// A response to store, with the session receipt that keeps it single. A one-time code is never part of it: the code
/// was claimed on its own when the respondent started (<see cref="ResponseStore.ClaimCodeAsync"/>).
/// </summary>
public sealed record Submission(Response Response, byte[] ReceiptHash);

/// <summary>
/// The respondent write path. A response and its submission receipt are committed together before the caller
/// shows the thank-you page (anonymity.md rule 9); a second submit
/// of the same session finds the receipt and stores nothing. On SQLite, concurrent submissions are
/// written in groups by one writer, so that one durable commit serves many respondents.
/// </summary>
public sealed class ResponseStore(IDbContextFactory<SurveyDbContext> dbFactory, SqliteGroupWriter? groupWriter = null)
{
    public Task<SubmitOutcome> SubmitAsync(Response response, byte[] receiptHash, CancellationToken ct = default) =>
        SubmitAsync(new Submission(response, receiptHash), ct);

    public Task<SubmitOutcome> SubmitAsync(Submission submission, CancellationToken ct = default) =>
        groupWriter is not null ? groupWriter.SubmitAsync(submission, ct) : SubmitWithEfAsync(submission, ct);

    /// <summary>
    /// Uses up a run's one-time code (given as its keyed hash) in one conditional update, on its own, when the respondent
    /// starts: never in the commit that stores a response, so that nothing in the files (a write-ahead log, a
    /// transaction id) puts a code next to the response it admitted (anonymity.md rule 5). Of two people with one
    /// code, exactly one claims it.
    /// </summary>
    public async Task<CodeClaim> ClaimCodeAsync(Guid runId, byte[] codeHash, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claimed = await db.RunCodes
            .Where(c => c.CodeHash == codeHash && c.RunId == runId && !c.Used)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, true), ct);
        if (claimed == 1)
            return CodeClaim.Claimed;
        // A used code never becomes free again, so this read after the update cannot contradict it.
        return await db.RunCodes.AnyAsync(c => c.CodeHash == codeHash && c.RunId == runId, ct) ? CodeClaim.AlreadyUsed : CodeClaim.Unknown;
    }

    private async Task<SubmitOutcome> SubmitWithEfAsync(Submission submission, CancellationToken ct)
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
