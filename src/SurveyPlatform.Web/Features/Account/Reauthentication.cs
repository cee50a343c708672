using System.Security.Claims;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>
/// Exporting rows, purging and changing sharing need a recent password confirmation, so that a console left open
/// cannot be used for them. The confirmation belongs to the session in which it was given (kept by
/// <see cref="ConsoleSessions"/>), not to the account: another browser of the same person must confirm on its own.
/// </summary>
public sealed class Reauthentication(ConsoleSessions sessions)
{
    public Task ConfirmedAsync(ClaimsPrincipal user) => sessions.ReauthenticatedAsync(user);

    public Task<bool> IsFreshAsync(ClaimsPrincipal user) => sessions.IsRecentlyReauthenticatedAsync(user);
}
