using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Account;

namespace SurveyPlatform.Web.Features.Organizations;

/// <summary>A user's memberships, read fresh from the database for each decision.</summary>
public sealed record UserAccess(string UserId, bool IsAdministrator, IReadOnlyList<MembershipInfo> Memberships)
{
    public IEnumerable<Guid> OrganizerOf => Memberships.Where(m => m.Role == OrganizationRole.Organizer).Select(m => m.OrganizationId);
    /// <summary>Organizations whose shared aggregates this user may read (police reviewers and advocates).</summary>
    public IEnumerable<Guid> ReviewerOf => Memberships.Where(m => m.Role is OrganizationRole.PoliceReviewer or OrganizationRole.Advocate).Select(m => m.OrganizationId);
    public bool IsOrganizer => Memberships.Any(m => m.Role == OrganizationRole.Organizer);
    public bool IsReviewer => ReviewerOf.Any();
    public bool MustUseTwoFactor => IsAdministrator || IsOrganizer;
}

public sealed record MembershipInfo(Guid OrganizationId, string OrganizationName, OrganizationKind Kind, OrganizationRole Role);

/// <summary>
/// Who may do what (README, roles). Organizers act on their own organizations' runs; only organizers of the run's
/// organization see or export rows, share or publish; police reviewers and advocates read aggregates of runs shared with
/// their organization; administrators manage organizations, accounts and runs' settings, and never see a run's data.
/// </summary>
public sealed class ConsoleAccess(IDbContextFactory<SurveyDbContext> dbFactory)
{
    public async Task<UserAccess> ForAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || user.Identity?.IsAuthenticated != true)
            return new UserAccess("", false, []);
        return await ForUserAsync(userId, ct);
    }

    public async Task<UserAccess> ForUserAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new MembershipInfo(m.OrganizationId, m.Organization!.Name, m.Organization.Kind, m.Role))
            .ToListAsync(ct);
        var isAdmin = await (from ur in db.UserRoles
                             join r in db.Roles on ur.RoleId equals r.Id
                             where ur.UserId == userId && r.Name == AccountSetup.AdministratorRole
                             select ur).AnyAsync(ct);
        // Administrators manage organizations and never hold a role in one (README, roles; docs/security.md, ASVS 4.1.3):
        // a membership that reached an administrator's account anyway grants nothing.
        return new UserAccess(userId, isAdmin, isAdmin ? [] : memberships);
    }

    public async Task<bool> CanAsync(ClaimsPrincipal user, ConsoleAccessKind kind, Guid? id, CancellationToken ct = default)
    {
        var access = await ForAsync(user, ct);
        if (access.UserId.Length == 0)
            return false;
        switch (kind)
        {
            case ConsoleAccessKind.Administrator:
                return access.IsAdministrator;
            case ConsoleAccessKind.Organizer:
                return access.IsAdministrator || access.IsOrganizer;
            case ConsoleAccessKind.Reviewer:
                return access.IsReviewer;
            case ConsoleAccessKind.ManageOrganization:
                return id is { } orgId && (access.IsAdministrator || access.OrganizerOf.Contains(orgId));
        }
        if (id is not { } runId)
            return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new { r.OrganizationId, Shares = r.Shares.Select(s => s.OrganizationId).ToList() })
            .FirstOrDefaultAsync(ct);
        if (run is null)
            return false;
        var organizerOfRun = run.OrganizationId is { } owner && access.OrganizerOf.Contains(owner);
        return kind switch
        {
            ConsoleAccessKind.RunSettings => organizerOfRun || access.IsAdministrator,
            ConsoleAccessKind.ManageRun => organizerOfRun,
            ConsoleAccessKind.RunRows => organizerOfRun,
            ConsoleAccessKind.ReviewRun => run.Shares.Intersect(access.ReviewerOf).Any(),
            _ => false,
        };
    }
}

public enum ConsoleAccessKind
{
    /// <summary>Platform administrator.</summary>
    Administrator,
    /// <summary>Organizer of any organization, or administrator.</summary>
    Organizer,
    /// <summary>Police reviewer or advocate of any organization.</summary>
    Reviewer,
    /// <summary>Organizer of the organization in the route, or administrator.</summary>
    ManageOrganization,
    /// <summary>Organizer of the run's organization: codes, counts, aggregates, reports, wording, preview, sharing, publishing.</summary>
    ManageRun,
    /// <summary>Organizer of the run's organization, or administrator: the run's settings (name, dates, status), never its data.</summary>
    RunSettings,
    /// <summary>Organizer of the run's organization only: response rows and their export, purge.</summary>
    RunRows,
    /// <summary>Member (police reviewer or advocate) of an organization the run is shared with: aggregates only.</summary>
    ReviewRun,
}
