using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Hosting;

namespace SurveyPlatform.Web.Features.Runs;

/// <summary>
/// Keyed hash of one-time codes (anonymity.md rule 5). The key lives in the data directory, apart from the
/// database, so that a copy of the database alone cannot test guessed codes.
/// </summary>
public sealed class RunCodeHasher
{
    private readonly byte[] _key;

    public RunCodeHasher(string keysDirectory) => _key = KeyFile.ReadOrCreate(keysDirectory, "run-codes.key", "one-time code");

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

/// <summary>Codes just generated, kept in memory for a short while so that the organizer can download them as CSV and PDF; never stored.</summary>
public sealed class CodeSheets(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<string, Sheet> _sheets = new(StringComparer.Ordinal);

    public sealed record Sheet(Guid RunId, string UserId, IReadOnlyList<string> Codes, DateTimeOffset Expires);

    public string Keep(Guid runId, string userId, IReadOnlyList<string> codes)
    {
        foreach (var (key, old) in _sheets)
        {
            if (old.Expires < time.GetUtcNow())
                _sheets.TryRemove(key, out _);
        }
        var ticket = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _sheets[ticket] = new Sheet(runId, userId, codes, time.GetUtcNow() + Lifetime);
        return ticket;
    }

    public Sheet? Find(string ticket, Guid runId, string? userId) =>
        _sheets.TryGetValue(ticket, out var sheet) && sheet.RunId == runId && sheet.UserId == userId && sheet.Expires > time.GetUtcNow()
            ? sheet : null;
}
