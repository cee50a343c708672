using Microsoft.AspNetCore.Identity;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>
/// Password sign-in that tells nobody whether an account exists (docs/security.md, ASVS 2.2.1 and 3.x): an unknown
/// email, a locked account and a wrong password get the same answer after the same work, one password hash each, so
/// that neither the message nor the time taken gives the account away.
/// </summary>
public sealed class PasswordSignIn(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit)
{
    /// <summary>The one message for every failed password sign-in.</summary>
    public const string FailedMessage =
        "The email or password is not right, or the account is locked for a while after too many failed attempts. " +
        "Check both and try again in a few minutes, or ask an administrator for a reset link.";

    private static string? s_dummyHash;

    public async Task<SignInResult> SignInAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || await users.IsLockedOutAsync(user))
        {
            HashAnyway(password);
            await audit.WriteAsync(user?.Id, user?.UserName, user is null ? AuditActions.LoginFailed : AuditActions.Lockout,
                detail: user is null ? "no such account" : "while locked");
            return user is null ? SignInResult.Failed : SignInResult.LockedOut;
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            await audit.WriteAsync(user.Id, user.UserName, AuditActions.Login);
        else if (!result.RequiresTwoFactor)
            await audit.WriteAsync(user.Id, user.UserName, result.IsLockedOut ? AuditActions.Lockout : AuditActions.LoginFailed);
        return result;
    }

    /// <summary>Verifies the password against a hash of a random password: the work of a real check, for an answer that is always no.</summary>
    private void HashAnyway(string password)
    {
        var probe = new AppUser();
        s_dummyHash ??= users.PasswordHasher.HashPassword(probe, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        users.PasswordHasher.VerifyHashedPassword(probe, s_dummyHash, password);
    }
}
