using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>Names of audited actions.</summary>
public static class AuditActions
{
    public const string Login = "login";
    public const string LoginFailed = "login-failed";
    public const string Lockout = "lockout";
    public const string Logout = "logout";
    public const string SetupAdministrator = "setup-administrator";
    public const string TwoFactorEnabled = "2fa-enabled";
    public const string TwoFactorDisabled = "2fa-disabled";
    public const string RecoveryCodesGenerated = "recovery-codes";
    public const string Reauthenticated = "reauthenticated";
    public const string OrganizationCreated = "organization-created";
    public const string Invited = "invited";
    public const string InvitationAccepted = "invitation-accepted";
    public const string InvitationRevoked = "invitation-revoked";
    public const string ResetLinkMade = "reset-link";
    public const string PasswordReset = "password-reset";
    public const string PasswordChanged = "password-changed";
    public const string RoleChanged = "role-changed";
    public const string MemberRemoved = "member-removed";
    public const string RunCreated = "run-created";
    public const string RunChanged = "run-changed";
    public const string CodesGenerated = "codes-generated";
    public const string Share = "share";
    public const string Unshare = "unshare";
    public const string Publish = "publish";
    public const string Unpublish = "unpublish";
    public const string Export = "export";
    public const string Purge = "purge";
    public const string SurveyUploaded = "survey-uploaded";
    public const string SurveyEdited = "survey-edited";
    public const string PaperEntry = "paper-entry";
}

/// <summary>
/// The record of what organizers and administrators did. Respondents are never audited: nothing here is
/// written from a respondent route, and no entry holds an answer or a one-time code.
/// </summary>
public sealed class AuditLog(IDbContextFactory<SurveyDbContext> dbFactory, TimeProvider time)
{
    public Task WriteAsync(ClaimsPrincipal user, string action, Guid? organizationId = null, string? target = null, string? detail = null) =>
        WriteAsync(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name, action, organizationId, target, detail);

    public async Task WriteAsync(string? userId, string? userName, string action, Guid? organizationId = null, string? target = null, string? detail = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.AuditEvents.Add(new AuditEvent
        {
            At = time.GetUtcNow(),
            UserId = userId,
            UserName = Truncate(userName, 256),
            Action = action,
            OrganizationId = organizationId,
            Target = Truncate(target, 300),
            Detail = Truncate(detail, 2000),
        });
        await db.SaveChangesAsync();
    }

    private static string? Truncate(string? text, int length) => text is { } t && t.Length > length ? t[..length] : text;
}
