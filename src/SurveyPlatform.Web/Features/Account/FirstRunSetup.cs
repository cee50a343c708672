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
/// the console create the first administrator. The token is random, kept only in memory as a hash, expires,
/// and is gone once used or when the server restarts (a new one is printed then).
/// </summary>
public sealed class FirstRunSetup(IDbContextFactory<SurveyDbContext> dbFactory, TimeProvider time, IOptions<AccountOptions> options)
{
    public const string Path = "/account/setup";
    private readonly Lock _gate = new();
    private byte[]? _tokenHash;
    private DateTimeOffset _expires;

    /// <summary>Creates a token when no administrator exists; returns it (to print) or null.</summary>
    public async Task<string?> StartIfNeededAsync(CancellationToken ct = default)
    {
        if (await AdministratorExistsAsync(ct))
            return null;
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        lock (_gate)
        {
            _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
            _expires = time.GetUtcNow().AddHours(options.Value.SetupLinkHours);
        }
        return token;
    }

    public bool IsValid(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
            return false;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        lock (_gate)
            return _tokenHash is not null && time.GetUtcNow() < _expires && CryptographicOperations.FixedTimeEquals(hash, _tokenHash);
    }

    /// <summary>Uses the token up; true only for the first caller with a valid token.</summary>
    public bool TryConsume(string? token)
    {
        lock (_gate)
        {
            if (!IsValid(token))
                return false;
            _tokenHash = null;
            return true;
        }
    }

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

/// <summary>The setup token between start-up and the moment the server prints it.</summary>
public sealed class SetupLinkHolder
{
    public string? Token { get; set; }
}
