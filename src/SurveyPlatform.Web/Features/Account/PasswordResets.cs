using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>
/// Administrator-driven recovery of a lost password or authenticator: an administrator makes a one-time reset link for
/// an account (audited) and passes it on, or has it emailed; whoever opens it chooses a new password and, when the link
/// says so, sets up the authenticator app again. The token is Identity's, sealed by data protection and bound to the
/// account's security stamp, so the reset itself (which changes the stamp in one conditional update) uses it up; it also
/// ends every session of the account (docs/security.md, ASVS 2.5).
/// </summary>
public sealed class PasswordResets(UserManager<AppUser> users, ConsoleSessions sessions, AuditLog audit, IOptions<AccountOptions> options)
{
    public const string Path = "/account/reset";
    private const string PasswordOnly = "reset-password";
    private const string WithAuthenticator = "reset-password-and-authenticator";

    /// <summary>The path and query of a new reset link for <paramref name="user"/>, made (and audited) by the administrator <paramref name="by"/>.</summary>
    public async Task<string> CreateAsync(System.Security.Claims.ClaimsPrincipal by, AppUser user, bool authenticator)
    {
        var token = await users.GenerateUserTokenAsync(user, TokenOptions.DefaultProvider, authenticator ? WithAuthenticator : PasswordOnly);
        await audit.WriteAsync(by, AuditActions.ResetLinkMade, target: user.Email ?? user.UserName,
            detail: authenticator ? "password and authenticator" : "password");
        return $"{Path}?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}&a={(authenticator ? 1 : 0)}";
    }

    public double LinkHours => options.Value.ResetLinkHours;

    /// <summary>The account the link is for, when the link is valid.</summary>
    public async Task<AppUser?> FindAsync(string? userId, string? token, bool authenticator)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token) || token.Length > 2000 || userId.Length > 450)
            return null;
        var user = await users.FindByIdAsync(userId);
        return user is not null && await users.VerifyUserTokenAsync(user, TokenOptions.DefaultProvider, authenticator ? WithAuthenticator : PasswordOnly, token)
            ? user : null;
    }

    /// <summary>Sets the new password (and forgets the authenticator when the link says so); null on success, else the problems.</summary>
    public async Task<IReadOnlyList<string>?> ResetAsync(string? userId, string? token, bool authenticator, string password)
    {
        var user = await FindAsync(userId, token, authenticator);
        if (user is null)
            return [LinkNotValid];
        // Identity's own reset: it checks the password rules, then stores the new hash with a new security stamp in one
        // update conditioned on the account's concurrency stamp; of two posts of one link, the second fails here.
        var result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure) || e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? [LinkNotValid] : result.Errors.Select(e => e.Description).ToList();
        }

        if (authenticator)
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await sessions.EndAllAsync(user.Id);
        await audit.WriteAsync(user.Id, user.UserName, AuditActions.PasswordReset, detail: authenticator ? "password and authenticator" : "password");
        return null;
    }

    public const string LinkNotValid = "This reset link is not valid: it has expired or was already used. Ask an administrator for a new one.";
}
