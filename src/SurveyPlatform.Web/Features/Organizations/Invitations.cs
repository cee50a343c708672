using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Account;

namespace SurveyPlatform.Web.Features.Organizations;

/// <summary>An invitation as the accept page shows it.</summary>
public sealed record PendingInvitation(Guid Id, Guid OrganizationId, string OrganizationName, OrganizationKind Kind, OrganizationRole Role, string? Email);

public enum InvitationOutcome { Accepted, NotValid, Administrator }

/// <summary>A pending invitation as the organization page lists it.</summary>
public sealed record InvitationRow(Guid Id, OrganizationRole Role, string? Email, DateTimeOffset ExpiresAt, string? CreatedBy);

/// <summary>
/// Invitation links: the inviter copies the link and passes it on, or has it sent by email when the server can send mail. Only a hash of the
/// token is stored; a link works once and expires.
/// </summary>
public sealed class Invitations(IDbContextFactory<SurveyDbContext> dbFactory, TimeProvider time, IOptions<AccountOptions> options)
{
    public const string AcceptPath = "/account/invite";

    /// <summary>Which roles members of an organization of a kind can hold.</summary>
    public static IReadOnlyList<OrganizationRole> RolesFor(OrganizationKind kind) => kind switch
    {
        // A police department never runs surveys: its members can only ever read shared aggregates.
        OrganizationKind.PoliceDepartment => [OrganizationRole.PoliceReviewer],
        OrganizationKind.Advocacy => [OrganizationRole.Advocate, OrganizationRole.Organizer],
        _ => [OrganizationRole.Organizer, OrganizationRole.Advocate],
    };

    public async Task<string> CreateAsync(Guid organizationId, OrganizationRole role, string? email, string createdByUserId, CancellationToken ct = default)
    {
        var token = FirstRunSetup.Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var kind = await db.Organizations.Where(o => o.Id == organizationId).Select(o => (OrganizationKind?)o.Kind).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("The organization does not exist.");
        if (!RolesFor(kind).Contains(role))
            throw new InvalidOperationException($"A {kind} organization cannot have members with the role {role}.");
        db.Invitations.Add(new Invitation
        {
            TokenHash = Hash(token),
            OrganizationId = organizationId,
            Role = role,
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            CreatedByUserId = createdByUserId,
            ExpiresAt = time.GetUtcNow().AddDays(options.Value.InvitationDays),
        });
        await db.SaveChangesAsync(ct);
        return token;
    }

    public async Task<PendingInvitation?> FindAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
            return null;
        var hash = Hash(token);
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invitation = await db.Invitations.AsNoTracking().Include(i => i.Organization)
            .FirstOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null, ct);
        // Expiry compared in memory: SQLite cannot compare DateTimeOffset values in SQL.
        if (invitation is null || invitation.ExpiresAt <= now)
            return null;
        return new PendingInvitation(invitation.Id, invitation.OrganizationId, invitation.Organization!.Name, invitation.Organization.Kind,
            invitation.Role, invitation.Email);
    }

    /// <summary>Gives <paramref name="user"/> the invitation's role in its organization and uses the link up.</summary>
    public async Task<InvitationOutcome> AcceptAsync(string token, AppUser user, UserManager<AppUser> users, CancellationToken ct = default)
    {
        var pending = await FindAsync(token, ct);
        if (pending is null)
            return InvitationOutcome.NotValid;
        // Administrators manage organizations; they never hold a role in one (README, roles), so they never see rows.
        if (await users.IsInRoleAsync(user, AccountSetup.AdministratorRole))
            return InvitationOutcome.Administrator;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // One conditional update uses the link up: of two sessions posting it at the same moment, only one changes the row.
        var now = time.GetUtcNow();
        var taken = await db.Invitations.Where(i => i.Id == pending.Id && i.AcceptedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now), ct);
        if (taken != 1)
            return InvitationOutcome.NotValid;
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == user.Id && m.OrganizationId == pending.OrganizationId, ct);
        if (membership is null)
            db.Memberships.Add(new Membership { UserId = user.Id, OrganizationId = pending.OrganizationId, Role = pending.Role });
        else
            membership.Role = pending.Role;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // Signed-in sessions pick up the new role (and the 2FA requirement that may come with it).
        await users.UpdateSecurityStampAsync(user);
        return InvitationOutcome.Accepted;
    }

    /// <summary>Invitations of an organization not used yet and not expired, newest first.</summary>
    public async Task<IReadOnlyList<InvitationRow>> PendingAsync(Guid organizationId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (from i in db.Invitations.AsNoTracking()
                          where i.OrganizationId == organizationId && i.AcceptedAt == null
                          join u in db.Users on i.CreatedByUserId equals u.Id into creators
                          from u in creators.DefaultIfEmpty()
                          select new InvitationRow(i.Id, i.Role, i.Email, i.ExpiresAt, u != null ? u.Email : null)).ToListAsync(ct);
        // Expiry compared in memory: SQLite cannot compare DateTimeOffset values in SQL.
        return rows.Where(r => r.ExpiresAt > now).OrderByDescending(r => r.ExpiresAt).ToList();
    }

    /// <summary>Makes a link that was not used yet stop working; false when it was used (or revoked) meanwhile.</summary>
    public async Task<bool> RevokeAsync(Guid organizationId, Guid invitationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Invitations.Where(i => i.Id == invitationId && i.OrganizationId == organizationId && i.AcceptedAt == null)
            .ExecuteDeleteAsync(ct) == 1;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
