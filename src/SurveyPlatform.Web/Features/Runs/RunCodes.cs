using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Hosting;

namespace SurveyPlatform.Web.Features.Runs;

/// <summary>
/// Keyed hash of one-time codes (anonymity.md rule 5). The key is one of the <see cref="SharedSecrets"/>, sealed under
/// the key ring, so that a copy of the database alone cannot test guessed codes and every instance hashes alike.
/// </summary>
public sealed class RunCodeHasher(byte[] key)
{
    private readonly byte[] _key = key;

    /// <summary>Codes are read case-insensitively and without spaces or dashes, as people type them.</summary>
    public static string Normalize(string code) =>
        new(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    public byte[] Hash(Guid runId, string code) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{runId:N}:{Normalize(code)}"));
}

/// <summary>Makes one-time codes: random, easy to read aloud and type (no 0/O, 1/I/L), stored only as keyed hashes.</summary>
public sealed class RunCodeGenerator(IDbContextFactory<SurveyDbContext> dbFactory, RunCodeHasher hasher)
{
    public const int MaxPerBatch = 5000;
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private const int Length = 10; // 31^10 ≈ 8·10^14: guessing one of a few thousand codes is hopeless

    public async Task<IReadOnlyList<string>> GenerateAsync(Guid runId, int count, CancellationToken ct = default)
    {
        if (count is < 1 or > MaxPerBatch)
            throw new ArgumentOutOfRangeException(nameof(count), $"Between 1 and {MaxPerBatch} codes at a time.");
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < count)
            codes.Add(NewCode());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Inserted in the order of their hash, so that the table says nothing about the order codes were printed in.
        foreach (var hash in codes.Select(c => hasher.Hash(runId, c)).OrderBy(h => Convert.ToHexString(h), StringComparer.Ordinal))
            db.RunCodes.Add(new RunCode { CodeHash = hash, RunId = runId });
        await db.SaveChangesAsync(ct);
        return codes.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Formats as XXXXX-XXXXX for printing.</summary>
    public static string Display(string code) => code.Length == Length ? $"{code[..5]}-{code[5..]}" : code;

    private static string NewCode() =>
        string.Create(Length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        });
}

/// <summary>
/// Codes just generated, kept for a short while so that the organizer can download them as CSV and PDF from whichever
/// instance serves the download: in the database, sealed under the key ring (a copy of the database alone does not
/// give them), under the hash of a random ticket, and deleted once expired.
/// </summary>
public sealed class CodeSheets(IDbContextFactory<SurveyDbContext> dbFactory, IDataProtectionProvider dataProtection, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private const string Prefix = "code-sheet:";
    private readonly IDataProtector _protector = dataProtection.CreateProtector("SurveyPlatform.CodeSheets");

    public sealed record Sheet(Guid RunId, string UserId, IReadOnlyList<string> Codes, DateTimeOffset Expires);

    public async Task<string> KeepAsync(Guid runId, string userId, IReadOnlyList<string> codes, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.SharedValues.Where(v => v.Name.StartsWith(Prefix) && v.ExpiresUtc < now.UtcDateTime).ExecuteDeleteAsync(ct);
        var ticket = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var sheet = new Sheet(runId, userId, codes, now + Lifetime);
        db.SharedValues.Add(new SharedValue
        {
            Name = Name(ticket),
            Value = _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(sheet)),
            ExpiresUtc = sheet.Expires.UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        return ticket;
    }

    public async Task<Sheet?> FindAsync(string ticket, Guid runId, string? userId, CancellationToken ct = default)
    {
        if (ticket.Length != 32)
            return null;
        var name = Name(ticket);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.SharedValues.AsNoTracking().FirstOrDefaultAsync(v => v.Name == name, ct) is not { } stored)
            return null;
        var sheet = JsonSerializer.Deserialize<Sheet>(_protector.Unprotect(stored.Value));
        return sheet is not null && sheet.RunId == runId && sheet.UserId == userId && sheet.Expires > time.GetUtcNow() ? sheet : null;
    }

    private static string Name(string ticket) => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ticket)));
}
