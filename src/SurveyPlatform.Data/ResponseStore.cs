using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Data;

public enum SubmitOutcome { Stored, AlreadySubmitted }

/// <summary>
/// The respondent write path. A response and its submission receipt are committed in one transaction
/// before the caller shows the thank-you page (anonymity.md rule 9); a second submit of the same
/// session finds the receipt and stores nothing.
/// </summary>
public sealed class ResponseStore(IDbContextFactory<SurveyDbContext> dbFactory)
{
    public async Task<SubmitOutcome> SubmitAsync(Response response, byte[] nonceHash, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.SubmissionReceipts.AnyAsync(r => r.NonceHash == nonceHash, ct))
            return SubmitOutcome.AlreadySubmitted;

        db.SubmissionReceipts.Add(new SubmissionReceipt { NonceHash = nonceHash, RunId = response.RunId });
        db.Responses.Add(response);
        try
        {
            await db.SaveChangesAsync(ct);
            return SubmitOutcome.Stored;
        }
        catch (DbUpdateException)
        {
            // Two submits of the same session raced and the other one was stored; anything else is a real failure.
            if (await ReceiptExistsAsync(nonceHash, ct))
                return SubmitOutcome.AlreadySubmitted;
            throw;
        }
    }

    private async Task<bool> ReceiptExistsAsync(byte[] nonceHash, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SubmissionReceipts.AnyAsync(r => r.NonceHash == nonceHash, ct);
    }
}
