using Microsoft.AspNetCore.Identity;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>Checks a password (and the authenticator code when 2FA is on) for re-authentication; failures count towards lockout.</summary>
public static class ReauthenticationCheck
{
    /// <summary>Null when confirmed, else the message to show.</summary>
    public static async Task<string?> CheckAsync(UserManager<AppUser> users, AppUser user, string password, string? code)
    {
        if (await users.IsLockedOutAsync(user))
            return "This account is locked after too many failed attempts. Try again in a few minutes.";
        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            return "The password is not right.";
        }
        if (await users.GetTwoFactorEnabledAsync(user)
            && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, (code ?? "").Replace(" ", "")))
        {
            await users.AccessFailedAsync(user);
            return "The authenticator code is not right.";
        }
        await users.ResetAccessFailedCountAsync(user);
        return null;
    }
}
