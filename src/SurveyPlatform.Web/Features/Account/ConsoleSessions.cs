using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>
/// Console sessions kept on the server (docs/security.md, ASVS 3.3.1 and 3.2.3): signing in starts one, its id
/// travels in the session cookie, and every request and every open console checks that it has not ended. Signing
/// out ends it, so a copy of the cookie is worthless afterwards; a password reset ends all of an account's sessions.
/// The password confirmation before exports, purges and sharing changes is kept on the session too, so that it
/// unlocks only the browser in which it was given.
/// </summary>
public sealed class ConsoleSessions(IDbContextFactory<SurveyDbContext> dbFactory, TimeProvider time, IOptions<AccountOptions> options)
{
    /// <summary>The claim (and cookie property) holding the session's id.</summary>
    public const string Claim = "sp:session";

    public static string? IdOf(ClaimsPrincipal? user) => user?.FindFirstValue(Claim);

    public async Task<string> StartAsync(string userId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var id = FirstRunSetup.Base64Url(RandomNumberGenerator.GetBytes(16));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ConsoleSessions.Add(new ConsoleSession { Id = id, UserId = userId, StartedAt = now });
        await db.SaveChangesAsync(ct);
        // Sessions past the absolute lifetime can never be used again: forget them.
        var stale = now - TimeSpan.FromHours(options.Value.AbsoluteTimeoutHours) - TimeSpan.FromDays(1);
        await db.ConsoleSessions.Where(s => s.StartedAt < stale).ExecuteDeleteAsync(ct);
        return id;
    }

    public async Task<bool> IsActiveAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (IdOf(user) is not { } id || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
            return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ConsoleSessions.AnyAsync(s => s.Id == id && s.UserId == userId && s.EndedAt == null, ct);
    }

    public async Task EndAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (IdOf(user) is not { } id)
            return;
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ConsoleSessions.Where(s => s.Id == id && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
    }

    /// <summary>Ends every session of an account (after a password reset), or every other one (after a password change).</summary>
    public async Task EndAllAsync(string userId, ClaimsPrincipal? except = null, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var keep = IdOf(except) ?? "";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ConsoleSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
    }

    /// <summary>Records that the user confirmed their password again in this session.</summary>
    public async Task ReauthenticatedAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (IdOf(user) is not { } id)
            return;
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ConsoleSessions.Where(s => s.Id == id && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.ReauthenticatedAt, now), ct);
    }

    /// <summary>Whether the password was confirmed in this session within <see cref="AccountOptions.ReauthenticationMinutes"/>.</summary>
    public async Task<bool> IsRecentlyReauthenticatedAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (IdOf(user) is not { } id || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
            return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var at = await db.ConsoleSessions.Where(s => s.Id == id && s.UserId == userId && s.EndedAt == null)
            .Select(s => s.ReauthenticatedAt).FirstOrDefaultAsync(ct);
        return at is { } confirmed && time.GetUtcNow().UtcDateTime - confirmed < TimeSpan.FromMinutes(options.Value.ReauthenticationMinutes);
    }
}
