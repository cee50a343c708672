using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>
/// Checks authenticator-app codes (TOTP, RFC 6238) like Identity's own provider, and accepts each code once: the time
/// step it matched is recorded for the account, and the same step is refused until it has expired (RFC 6238 section
/// 5.2; docs/security.md, ASVS 2.8.4). Recording is one insert under a primary key, so of two sign-ins racing with one
/// code only the first succeeds. Codes are read from the platform's clock (<see cref="TimeProvider"/>).
/// </summary>
public sealed class OneUseAuthenticatorTokenProvider(IDbContextFactory<SurveyDbContext> dbFactory, TimeProvider time)
    : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Name = "OneUseAuthenticator";
    /// <summary>One step either side of now (30 s) for the phone's clock and the time it takes to type the code.</summary>
    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The app makes the codes; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token is not { Length: 6 } || !token.All(char.IsAsciiDigit))
            return false;
        byte[] secret;
        try
        {
            secret = Base32Encoding.ToBytes(key);
        }
        catch (ArgumentException)
        {
            return false;
        }
        var totp = new Totp(secret);
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, token, out var step, Window))
            return false;
        await using var db = await dbFactory.CreateDbContextAsync();
        db.UsedAuthenticatorCodes.Add(new UsedAuthenticatorCode { UserId = user.Id, TimeStep = step });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            return false; // this code was used already
        }
        // Steps older than the window can never match again: forget them.
        await db.UsedAuthenticatorCodes.Where(c => c.UserId == user.Id && c.TimeStep < step - 4).ExecuteDeleteAsync();
        return true;
    }
}
