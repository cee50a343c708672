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

/// <summary>
/// Invitation links: the inviter copies the link and passes it on (no email is sent). Only a hash of the
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
    public async Task<bool> AcceptAsync(string token, AppUser user, UserManager<AppUser> users, CancellationToken ct = default)
    {
        var pending = await FindAsync(token, ct);
        if (pending is null)
            return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var used = await db.Invitations.Where(i => i.Id == pending.Id && i.AcceptedAt == null).FirstOrDefaultAsync(ct);
        if (used is null)
            return false;
        used.AcceptedAt = time.GetUtcNow();
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == user.Id && m.OrganizationId == pending.OrganizationId, ct);
        if (membership is null)
            db.Memberships.Add(new Membership { UserId = user.Id, OrganizationId = pending.OrganizationId, Role = pending.Role });
        else
            membership.Role = pending.Role;
        await db.SaveChangesAsync(ct);
        // Signed-in sessions pick up the new role (and the 2FA requirement that may come with it).
        await users.UpdateSecurityStampAsync(user);
        return true;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
