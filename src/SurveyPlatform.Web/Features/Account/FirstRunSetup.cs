using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>
/// While no administrator exists, the server prints a one-time link to its console that lets whoever can read
/// the console create the first administrator. The token is random, kept only as a hash in the database (so that the
/// link works on every instance behind a load balancer), expires, and is gone once one such link is used.
/// </summary>
public sealed class FirstRunSetup(IDbContextFactory<SurveyDbContext> dbFactory, TimeProvider time, IOptions<AccountOptions> options)
{
    public const string Path = "/account/setup";
    private const string Prefix = "setup-token:";

    /// <summary>Creates a token when no administrator exists; returns it (to print) or null.</summary>
    public async Task<string?> StartIfNeededAsync(CancellationToken ct = default)
    {
        if (await AdministratorExistsAsync(ct))
            return null;
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        await db.SharedValues.Where(v => v.Name.StartsWith(Prefix) && v.ExpiresUtc < now).ExecuteDeleteAsync(ct);
        db.SharedValues.Add(new SharedValue { Name = Name(token), Value = [1], ExpiresUtc = now.AddHours(options.Value.SetupLinkHours) });
        await db.SaveChangesAsync(ct);
        return token;
    }

    public async Task<bool> IsValidAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
            return false;
        var name = Name(token);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SharedValues.AnyAsync(v => v.Name == name && v.ExpiresUtc > now, ct);
    }

    /// <summary>Uses the token up, with every other setup link; true only for the first caller with a valid token, on any instance.</summary>
    public async Task<bool> TryConsumeAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
            return false;
        var name = Name(token);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.SharedValues.Where(v => v.Name == name && v.ExpiresUtc > now).ExecuteDeleteAsync(ct) != 1)
            return false;
        await db.SharedValues.Where(v => v.Name.StartsWith(Prefix)).ExecuteDeleteAsync(ct);
        return true;
    }

    /// <summary>Only the token's hash is stored: a copy of the database does not give the link.</summary>
    private static string Name(string token) => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public async Task<bool> AdministratorExistsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from ur in db.UserRoles
                      join r in db.Roles on ur.RoleId equals r.Id
                      where r.Name == AccountSetup.AdministratorRole
                      select ur).AnyAsync(ct);
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The setup token between start-up and the moment this instance prints it.</summary>
public sealed class SetupLinkHolder
{
    public string? Token { get; set; }
}
