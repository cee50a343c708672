using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Reports;
using SurveyPlatform.Web.Features.Organizations;

namespace SurveyPlatform.Web.Features.Reports;

/// <summary>
/// Which reports a member of an organization a run is shared with may download. All are aggregates only, privacy-suppressed
/// with the run's threshold: police reviewers get the brief for police leaders; advocates also get the full technical report
/// and the one-page annex, to argue their case with the whole evidence.
/// </summary>
public static class ReviewerReports
{
    public static readonly IReadOnlyList<ReportKind> PoliceReviewer = [ReportKind.Brief];
    public static readonly IReadOnlyList<ReportKind> Advocate = [ReportKind.Brief, ReportKind.Full, ReportKind.Annex];

    public static async Task<IReadOnlyList<ReportKind>> KindsAsync(ConsoleAccess access, IDbContextFactory<SurveyDbContext> dbFactory,
        ClaimsPrincipal user, Guid runId, CancellationToken ct = default)
    {
        if (!await access.CanAsync(user, ConsoleAccessKind.ReviewRun, runId, ct))
            return [];
        var advocateOf = (await access.ForAsync(user, ct)).Memberships
            .Where(m => m.Role == OrganizationRole.Advocate).Select(m => m.OrganizationId).ToList();
        if (advocateOf.Count == 0)
            return PoliceReviewer;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var advocate = await db.RunShares.AnyAsync(s => s.RunId == runId && advocateOf.Contains(s.OrganizationId), ct);
        return advocate ? Advocate : PoliceReviewer;
    }
}
